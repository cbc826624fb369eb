import type { ICatalystClient } from '../tokens';
import type { ICheckEnvironment } from './checks';
import { TrainingModel } from './model';
import { SHIPPED_TUTORIALS } from './shippedTutorials';
import { MemoryStore } from '../testing/memoryStore';

const tutorials = SHIPPED_TUTORIALS;
const python = tutorials.find(t => t.id === 'first-python-notebook')!;

/** A client whose service is up or down, recording the requests it gets. */
function fakeClient(up: { value: boolean }) {
  const requests: { path: string; init?: unknown }[] = [];
  const client = {
    user: null,
    request: async (path: string, init?: unknown) => {
      requests.push({ path, init });
      if (!up.value) {
        throw Object.assign(new Error('offline'), { status: 0 });
      }
      if (path === 'api/training/tutorials') {
        return {
          tutorials: tutorials.map(t => ({
            ...t,
            stepIds: t.steps.map(s => s.id)
          }))
        };
      }
      if (path.startsWith('api/training/tutorials/')) {
        return tutorials.find(t => path.endsWith(t.id));
      }
      if (path === 'api/training/cohort') {
        return {
          progress: [
            {
              user: 'ben',
              tutorialId: python.id,
              version: python.version,
              stepId: 'run-cell',
              status: 'failed',
              attempts: 2,
              hintsUsed: 0,
              firstPassedAt: null,
              updatedAt: '2026-11-27T10:00:00.000Z'
            }
          ]
        };
      }
      if (path === 'api/training/progress') {
        return { progress: [] };
      }
      return {};
    }
  };
  return { client: client as unknown as ICatalystClient, requests };
}

function environment(): ICheckEnvironment {
  return {
    executedCommands: () => [],
    currentWidget: () => ({ id: 'nb', classes: ['jp-NotebookPanel'] }),
    notebooks: () => [],
    evaluate: async () => ({ status: 'no-kernel' }),
    hubState: async () => {
      throw new Error('no service');
    },
    fileType: async () => null,
    setting: async () => undefined
  };
}

function model(
  store: MemoryStore,
  client: ICatalystClient,
  uiLanguage = 'en'
): TrainingModel {
  return new TrainingModel({
    client,
    environment: environment(),
    store,
    user: 'ana',
    uiLanguage,
    bundled: tutorials,
    runCommand: async () => undefined,
    outbox: { setTimer: () => 0, clearTimer: () => undefined }
  });
}

describe('training model', () => {
  it('records a passed check, sends it with an idempotency key and resumes after a reload', async () => {
    const store = new MemoryStore();
    const up = { value: true };
    const { client, requests } = fakeClient(up);
    const first = model(store, client);
    await first.load();
    expect(first.source).toBe('service');
    await first.open(python.id);
    expect(first.step?.id).toBe('create-notebook');
    const result = await first.check();
    expect(result?.passed).toBe(true);
    expect(
      first.progressOf(python.id, python.version, 'create-notebook')?.status
    ).toBe('passed');
    first.goTo(1);
    await new Promise(resolve => setTimeout(resolve, 0));
    const puts = requests.filter(
      r => (r.init as { method?: string })?.method === 'PUT'
    );
    expect(puts.length).toBeGreaterThan(0);
    for (const put of puts) {
      expect(
        (put.init as { headers: Record<string, string> }).headers[
          'Idempotency-Key'
        ]
      ).toMatch(/^p-/);
    }
    expect(first.saveState).toBe('saved');
    first.dispose();

    const again = model(store, client);
    await again.load();
    expect(again.tutorial?.id).toBe(python.id);
    expect(again.step?.id).toBe('run-cell');
  });

  it('falls back to the shipped tutorials and keeps progress waiting while the service is down', async () => {
    const store = new MemoryStore();
    const up = { value: false };
    const { client } = fakeClient(up);
    const m = model(store, client);
    await m.load();
    expect(m.source).toBe('bundled');
    expect(m.catalogue.map(t => t.id)).toContain(python.id);
    await m.open(python.id);
    await m.check();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(m.saveState).toBe('waiting');
    up.value = true;
    await m.reconnect();
    expect(m.source).toBe('service');
    expect(m.saveState).toBe('saved');
    expect(m.step?.id).toBe('create-notebook');
  });

  it("follows JupyterLab's language, says when a tutorial lacks it and lets the learner switch", async () => {
    const store = new MemoryStore();
    const { client } = fakeClient({ value: true });
    const spanish = model(store, client, 'es-ES');
    await spanish.load();
    await spanish.open(python.id);
    expect(spanish.language).toBe('es');
    expect(spanish.text(spanish.step!.title)).toBe('Crea un notebook');
    spanish.setLanguage('en');
    expect(spanish.text(spanish.step!.title)).toBe('Create a notebook');

    const french = model(new MemoryStore(), client, 'fr');
    await french.load();
    await french.open(python.id);
    expect(french.language).toBe('en');
    expect(french.missingLanguage).toBe('fr');
  });

  it('counts hints and shows how many steps passed', async () => {
    const store = new MemoryStore();
    const { client } = fakeClient({ value: true });
    const m = model(store, client);
    await m.load();
    await m.open(python.id);
    m.showHint();
    m.showHint();
    m.showHint();
    expect(m.hintsShown).toBe(2);
    expect(
      m.progressOf(python.id, python.version, 'create-notebook')?.hintsUsed
    ).toBe(2);
    await m.check();
    const summary = m.catalogue.find(t => t.id === python.id)!;
    expect(m.passedCount(summary)).toBe(1);
  });

  it('loads the cohort for a Hub Champion only', async () => {
    const { client, requests } = fakeClient({ value: true });
    const member = model(new MemoryStore(), client);
    await member.load();
    expect(member.cohort).toBeNull();
    expect(requests.some(r => r.path === 'api/training/cohort')).toBe(false);

    (client as unknown as { user: unknown }).user = {
      name: 'chen',
      roles: ['member', 'hub-champion']
    };
    const champion = model(new MemoryStore(), client);
    await champion.load();
    expect(champion.cohort?.map(row => row.user)).toEqual(['ben']);
  });

  it("asks the hub's champions for help once per step visit, with context only by consent", async () => {
    const store = new MemoryStore();
    const up = { value: false };
    const { client, requests } = fakeClient(up);
    const learner = model(store, client);
    await learner.load();
    await learner.open(python.id);
    learner.goTo(2);
    const helpCalls = () =>
      requests.filter(r => r.path === 'api/training/help');

    // The service is down: the learner is told, and nothing is lost.
    expect(await learner.askForHelp('  tried twice ', false)).toBe(false);
    expect(learner.helpState).toBe('failed');
    up.value = true;
    expect(await learner.askForHelp('  tried twice ', false)).toBe(true);
    expect(learner.helpState).toBe('sent');
    const [lost, sent] = helpCalls().map(
      r =>
        r.init as {
          headers: Record<string, string>;
          body: Record<string, unknown>;
        }
    );
    // The resend after a failure is the same request: same key.
    expect(sent!.headers['Idempotency-Key']).toBe(
      lost!.headers['Idempotency-Key']
    );
    expect(sent!.body).toEqual({
      tutorialId: python.id,
      version: python.version,
      stepId: 'keep-a-value',
      note: 'tried twice'
    });

    // Another step visit is a new request; with consent it carries the step's context.
    learner.goTo(1);
    learner.showHint();
    await learner.check();
    await learner.askForHelp('', true);
    const third = helpCalls()[2]!.init as {
      headers: Record<string, string>;
      body: Record<string, unknown>;
    };
    expect(third.headers['Idempotency-Key']).not.toBe(
      sent!.headers['Idempotency-Key']
    );
    expect(third.body).toEqual({
      tutorialId: python.id,
      version: python.version,
      stepId: 'run-cell',
      context: {
        attempts: 1,
        hintsUsed: 1,
        reasons: ['no-notebook'],
        language: 'en'
      }
    });
    learner.dispose();
  });

  it('shows the solution only when asked, and forgets it on the next step', async () => {
    const { client } = fakeClient({ value: true });
    const learner = model(new MemoryStore(), client);
    await learner.load();
    await learner.open(python.id);
    expect(learner.solutionShown).toBe(false);
    learner.showSolution();
    expect(learner.solutionShown).toBe(true);
    learner.goTo(1);
    expect(learner.solutionShown).toBe(false);
    learner.dispose();
  });

  it('carries passes of unchanged steps into a new version and reopens the changed ones', async () => {
    const store = new MemoryStore();
    const { client, requests } = fakeClient({ value: false });
    const v1 = model(store, client);
    await v1.load();
    await v1.open(python.id);
    await v1.check(); // create-notebook passes
    v1.goTo(5);
    await v1.check({ selfReported: true }); // wrap-up passes
    const firstPass = v1.progressOf(
      python.id,
      python.version,
      'create-notebook'
    )?.firstPassedAt;
    v1.dispose();

    // Version 2 changed wrap-up's text; create-notebook is unchanged.
    const v2Tutorial = {
      ...python,
      version: '2026.12.1',
      carriesFrom: { version: python.version, steps: ['create-notebook'] }
    };
    const v2 = new TrainingModel({
      client,
      environment: environment(),
      store,
      user: 'ana',
      uiLanguage: 'en',
      bundled: [v2Tutorial],
      runCommand: async () => undefined,
      outbox: { setTimer: () => 0, clearTimer: () => undefined }
    });
    await v2.load();
    await v2.open(python.id);
    const carried = v2.progressOf(python.id, '2026.12.1', 'create-notebook');
    expect(carried?.status).toBe('passed');
    expect(carried?.firstPassedAt).toBe(firstPass);
    // wrap-up changed: it reopens (the learner was there, so it is open again, not passed).
    expect(v2.step?.id).toBe('wrap-up');
    expect(v2.progressOf(python.id, '2026.12.1', 'wrap-up')?.status).toBe(
      'started'
    );
    // Offline: the carried pass waits in the outbox for the service.
    const waiting = JSON.parse(
      store.getItem('jupyterlab-catalyst:training:ana:outbox') ?? '[]'
    ) as { version: string; stepId: string; body: { passedAt?: string } }[];
    expect(
      waiting.find(
        e => e.version === '2026.12.1' && e.stepId === 'create-notebook'
      )?.body.passedAt
    ).toBe(firstPass);
    expect(requests.length).toBeGreaterThan(0);
    v2.dispose();
  });
});
