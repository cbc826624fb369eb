/** The shipped episodes' hub checks against a real JupyterHub 5.4: each fails before the champion's action and passes after it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLocalHub, type LocalHub } from './local-hub.js';
import { serviceCall, sessionFor as sessionOf } from './service-client.js';

const LEARNER = 'test-learner';

interface HubVerdict {
  passed: boolean;
  reason: string;
  user: string;
  profile?: string | null;
}

describe('training hub checks through a real hub', () => {
  let hub: LocalHub;
  let champion: string;
  let member: string;

  const sessionFor = (name: string) => sessionOf(hub, name);
  const call = (jwt: string, method: string, path: string, body?: unknown) =>
    serviceCall(hub, jwt, method, path, body);

  /** The check of a shipped episode's step, as the service serves it to the panel. */
  async function shippedCheck(
    tutorial: string,
    step: string
  ): Promise<Record<string, unknown>> {
    const res = await call(champion, 'GET', `training/tutorials/${tutorial}`);
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as {
      steps: { id: string; check: Record<string, unknown> }[];
    };
    const found = body.steps.find(s => s.id === step);
    assert.ok(found, `${tutorial} has a step ${step}`);
    assert.equal(found.check.type, 'hub', `${tutorial}/${step} checks the hub`);
    return found.check;
  }

  async function hubCheck(
    jwt: string,
    check: Record<string, unknown>
  ): Promise<HubVerdict> {
    const res = await call(jwt, 'POST', 'training/hub-check', check);
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as HubVerdict;
  }

  /** Asks the check until it passes: the hub starts and stops servers in the background. */
  async function untilPassed(
    jwt: string,
    check: Record<string, unknown>,
    timeoutMs = 90_000
  ): Promise<HubVerdict> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const verdict = await hubCheck(jwt, check);
      if (verdict.passed || Date.now() > deadline) return verdict;
      await new Promise(r => setTimeout(r, 250));
    }
  }

  before(async () => {
    hub = await startLocalHub({
      usePostgres: Boolean(process.env.TEST_DATABASE_URL)
    });
    [champion, member] = await Promise.all([
      sessionFor('champion'),
      sessionFor('member')
    ]);
  });
  after(async () => {
    await hub?.stop();
  });

  it('episode 2: the hub knows test-learner only once the champion added them, then in hub-champions', async () => {
    const exists = await shippedCheck('hub-champion-2-access', 'add-test-user');
    const inGroup = await shippedCheck(
      'hub-champion-2-access',
      'give-champion-role'
    );
    assert.deepEqual(await hubCheck(champion, exists), {
      passed: false,
      reason: 'no-user',
      user: LEARNER
    });
    // The opposite question ("nobody by that name") is answered from the same real lookup.
    assert.equal(
      (await hubCheck(champion, { type: 'hub', user: LEARNER, exists: false }))
        .passed,
      true
    );

    // The admin console's "Add users", as the step's solution says.
    const added = await call(champion, 'POST', 'admin/users', {
      usernames: [LEARNER],
      confirm: true
    });
    assert.equal(added.status, 200, await added.clone().text());
    assert.deepEqual(await hubCheck(champion, exists), {
      passed: true,
      reason: 'passed',
      user: LEARNER
    });
    assert.equal(
      (await hubCheck(champion, { type: 'hub', user: LEARNER, exists: false }))
        .reason,
      'user-exists'
    );

    assert.deepEqual(await hubCheck(champion, inGroup), {
      passed: false,
      reason: 'not-in-group',
      user: LEARNER,
      group: 'hub-champions'
    });
    const grouped = await call(
      champion,
      'POST',
      'admin/groups/hub-champions/users',
      { users: [LEARNER] }
    );
    assert.equal(grouped.status, 200, await grouped.clone().text());
    assert.equal((await hubCheck(champion, inGroup)).passed, true);

    // A member may not ask about someone else, even through a shipped check.
    const refused = await call(member, 'POST', 'training/hub-check', exists);
    assert.equal(refused.status, 403);
  });

  // Both servers start at once: each real spawn takes seconds, and this stage runs in every CI run.
  it("episode 3: test-learner's server runs only after the champion starts it and stops for real; a member's own server and its profile", async () => {
    const running = await shippedCheck(
      'hub-champion-3-servers',
      'start-a-server'
    );
    const stopped = await shippedCheck(
      'hub-champion-3-servers',
      'stop-a-server'
    );
    const small = { type: 'hub', running: true, profile: 'small' };
    assert.equal((await hubCheck(champion, running)).reason, 'not-running');
    assert.equal((await hubCheck(champion, stopped)).passed, true);
    assert.deepEqual(await hubCheck(member, small), {
      passed: false,
      reason: 'not-running',
      user: 'member',
      server: ''
    });

    // The admin console's Start button, as the step's solution says.
    const start = await call(champion, 'POST', `admin/users/${LEARNER}/server`);
    assert.equal(start.status, 200, await start.clone().text());
    // Starting with options is what a hub's profile form posts; the hub keeps them as user_options.
    const spawn = await hub.hubApi('/users/member/server', {
      method: 'POST',
      body: JSON.stringify({ profile: 'small' })
    });
    assert.ok([201, 202].includes(spawn.status), String(spawn.status));

    const [learnerUp, memberUp] = await Promise.all([
      untilPassed(champion, running),
      untilPassed(member, { type: 'hub', running: true })
    ]);
    assert.equal(learnerUp.passed, true);
    assert.equal(memberUp.passed, true);
    assert.equal((await hubCheck(champion, stopped)).reason, 'running');
    assert.equal((await hubCheck(member, small)).passed, true);
    assert.deepEqual(
      await hubCheck(member, { type: 'hub', profile: 'large' }),
      {
        passed: false,
        reason: 'profile-differs',
        user: 'member',
        server: '',
        profile: 'small'
      }
    );

    const stop = await call(
      champion,
      'DELETE',
      `admin/users/${LEARNER}/server`
    );
    assert.equal(stop.status, 200, await stop.clone().text());
    assert.equal((await untilPassed(champion, stopped)).passed, true);
    assert.equal((await hubCheck(champion, running)).reason, 'not-running');
  });
});
