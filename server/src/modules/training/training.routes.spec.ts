import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import type { Role } from '../../plugins/auth.js';

const PREFIX = '/services/catalyst';
const TUTORIAL = 'first-python-notebook';

function jwt(t: TestApp, user: string, roles: Role[] = ['member']): string {
  return t.app.jwt.sign({ sub: user, roles, hub: t.config.hubId, lang: 'en' });
}

function get(t: TestApp, token: string, path: string) {
  return t.app.inject({
    method: 'GET',
    url: `${PREFIX}/api/training/${path}`,
    headers: { authorization: `Bearer ${token}` }
  });
}

function put(
  t: TestApp,
  token: string,
  step: string,
  body: Record<string, unknown>,
  key?: string
) {
  return t.app.inject({
    method: 'PUT',
    url: `${PREFIX}/api/training/progress/${TUTORIAL}/2026.11.1/${step}`,
    headers: {
      authorization: `Bearer ${token}`,
      ...(key ? { 'idempotency-key': key } : {})
    },
    payload: body
  });
}

const at = (minute: number) =>
  new Date(Date.UTC(2026, 10, 27, 10, minute)).toISOString();

for (const backend of backends()) {
  describe(`training routes (${backend})`, () => {
    let db: TestDatabase;
    let t: TestApp;
    let other: TestApp;

    before(async () => {
      db = await startDatabase(backend);
      t = await buildTestApp({
        DATABASE_URL: db.url,
        JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api',
        CATALYST_HUB_ID: 'hub-a',
        CATALYST_HUB_NAME: 'Hub A'
      });
      await t.app.ready();
      // A second hub sharing the database: its learners must stay out of hub A's cohort.
      other = await buildTestApp({
        DATABASE_URL: db.url,
        JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api',
        CATALYST_HUB_ID: 'hub-b',
        CATALYST_HUB_NAME: 'Hub B'
      });
      await other.app.ready();
    });

    after(async () => {
      await t?.app.close();
      await other?.app.close();
      await db?.close();
    });

    it('lists the shipped tutorials and serves one compiled', async () => {
      const res = await get(t, jwt(t, 'ana'), 'tutorials');
      assert.equal(res.statusCode, 200, res.body);
      const ids = res.json().tutorials.map((x: { id: string }) => x.id);
      assert.ok(ids.includes(TUTORIAL), ids.join());
      assert.ok(ids.includes('hub-champion-1-why-a-hub'), ids.join());
      assert.deepEqual(res.json().errors, []);
      const one = await get(t, jwt(t, 'ana'), `tutorials/${TUTORIAL}`);
      assert.equal(one.statusCode, 200);
      assert.equal(one.json().title.es, 'Tu primer notebook de Python');
      assert.equal(one.json().steps[0].id, 'create-notebook');
      const missing = await get(t, jwt(t, 'ana'), 'tutorials/nope');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().code, 'not_found');
    });

    it('needs a session', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `${PREFIX}/api/training/progress`
      });
      assert.equal(res.statusCode, 401);
    });

    it('saves progress once per Idempotency-Key', async () => {
      const token = jwt(t, 'ana');
      const first = await put(
        t,
        token,
        'create-notebook',
        { status: 'failed', attempts: 1, hintsUsed: 0, clientTime: at(1) },
        'key-ana-00000001'
      );
      assert.equal(first.statusCode, 200, first.body);
      // A different body under the same key is a replay: it changes nothing.
      const replay = await put(
        t,
        token,
        'create-notebook',
        { status: 'passed', attempts: 5, hintsUsed: 2, clientTime: at(2) },
        'key-ana-00000001'
      );
      assert.equal(replay.statusCode, 200);
      assert.deepEqual(replay.json(), first.json());
      const mine = await get(t, token, 'progress');
      assert.deepEqual(mine.json().progress, [first.json()]);
      assert.equal(first.json().status, 'failed');
      assert.equal(first.json().attempts, 1);
    });

    it('answers a key stored before the one-statement upsert with what it kept', async () => {
      const token = jwt(t, 'dora');
      const kept = {
        tutorialId: TUTORIAL,
        version: '2026.11.1',
        stepId: 'create-notebook',
        status: 'passed',
        attempts: 1,
        hintsUsed: 0,
        firstPassedAt: at(1),
        updatedAt: at(1)
      };
      await t.app.db
        .insertInto('training_idempotency')
        .values({
          hub_id: t.config.hubId,
          user_name: 'dora',
          key: 'key-dora-0000001',
          response: JSON.stringify(kept)
        })
        .execute();
      const replay = await put(
        t,
        token,
        'create-notebook',
        { status: 'failed', attempts: 4, hintsUsed: 0, clientTime: at(2) },
        'key-dora-0000001'
      );
      assert.equal(replay.statusCode, 200, replay.body);
      assert.deepEqual(replay.json(), kept);
      const mine = await get(t, token, 'progress');
      assert.deepEqual(mine.json().progress, [], 'the replay wrote nothing');
    });

    it('applies concurrent repeats of one key once', async () => {
      const token = jwt(t, 'cleo');
      const body = {
        status: 'started',
        attempts: 0,
        hintsUsed: 1,
        clientTime: at(1)
      };
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          put(t, token, 'keep-a-value', body, 'key-cleo-0000001')
        )
      );
      for (const answer of answers) {
        assert.equal(answer.statusCode, 200, answer.body);
        assert.deepEqual(answer.json(), answers[0]?.json());
      }
      const mine = await get(t, token, 'progress');
      assert.equal(mine.json().progress.length, 1);
    });

    it('lets the newest change win and keeps the first pass time', async () => {
      const token = jwt(t, 'ben');
      const passed = await put(
        t,
        token,
        'run-cell',
        {
          status: 'passed',
          attempts: 2,
          hintsUsed: 1,
          clientTime: at(10),
          passedAt: at(10)
        },
        'key-ben-00000001'
      );
      assert.equal(passed.json().firstPassedAt, at(10));
      // An older change arriving late (an offline outbox) does not undo the pass.
      const late = await put(
        t,
        token,
        'run-cell',
        { status: 'failed', attempts: 1, hintsUsed: 0, clientTime: at(5) },
        'key-ben-00000002'
      );
      assert.equal(late.json().status, 'passed');
      assert.equal(late.json().attempts, 2);
      assert.equal(late.json().hintsUsed, 1);
      // A later re-check that fails is the newest state, but the first pass stays.
      const newer = await put(
        t,
        token,
        'run-cell',
        { status: 'failed', attempts: 3, hintsUsed: 1, clientTime: at(20) },
        'key-ben-00000003'
      );
      assert.equal(newer.json().status, 'failed');
      assert.equal(newer.json().firstPassedAt, at(10));
      // An earlier pass that reaches the service later moves the first pass back.
      const earlier = await put(
        t,
        token,
        'run-cell',
        {
          status: 'passed',
          attempts: 1,
          hintsUsed: 0,
          clientTime: at(3),
          passedAt: at(3)
        },
        'key-ben-00000004'
      );
      assert.equal(earlier.json().firstPassedAt, at(3));
      // A resend of the first pass (its reply was lost) gets that first answer, dates and all.
      const resent = await put(
        t,
        token,
        'run-cell',
        {
          status: 'passed',
          attempts: 2,
          hintsUsed: 1,
          clientTime: at(10),
          passedAt: at(10)
        },
        'key-ben-00000001'
      );
      assert.deepEqual(resent.json(), passed.json());
      assert.equal(earlier.json().status, 'failed');
      assert.equal(earlier.json().updatedAt, at(20));
    });

    it('refuses unknown steps and invalid bodies', async () => {
      const token = jwt(t, 'ana');
      const unknown = await put(t, token, 'no-such-step', {
        status: 'passed',
        attempts: 1,
        hintsUsed: 0,
        clientTime: at(1)
      });
      assert.equal(unknown.statusCode, 404);
      const invalid = await put(t, token, 'run-cell', {
        status: 'done',
        attempts: 1,
        hintsUsed: 0,
        clientTime: at(1)
      });
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json().code, 'validation');
    });

    it("shows a member only their own progress and a champion their hub's cohort", async () => {
      await put(other, jwt(other, 'zoe'), 'create-notebook', {
        status: 'passed',
        attempts: 1,
        hintsUsed: 0,
        clientTime: at(1)
      });
      const ana = await get(t, jwt(t, 'ana'), 'progress');
      assert.ok(
        ana
          .json()
          .progress.every(
            (p: { stepId: string }) => p.stepId === 'create-notebook'
          )
      );
      assert.equal(ana.json().progress.length, 1);

      const member = await get(t, jwt(t, 'ana'), 'cohort');
      assert.equal(member.statusCode, 403);
      assert.equal(member.json().code, 'forbidden');

      const champion = await get(
        t,
        jwt(t, 'chen', ['member', 'hub-champion']),
        'cohort'
      );
      assert.equal(champion.statusCode, 200, champion.body);
      const users = new Set(
        champion.json().progress.map((p: { user: string }) => p.user)
      );
      assert.deepEqual([...users].sort(), ['ana', 'ben', 'cleo']);
      assert.equal(champion.json().hub, 'hub-a');

      const otherChampion = await get(
        other,
        jwt(other, 'hugo', ['member', 'hub-champion']),
        `cohort?tutorialId=${TUTORIAL}`
      );
      assert.deepEqual(
        otherChampion.json().progress.map((p: { user: string }) => p.user),
        ['zoe']
      );
    });
  });
}
