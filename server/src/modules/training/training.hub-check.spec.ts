import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type BackendName,
  type TestDatabase
} from '../../../test/databases.js';
import {
  startFakeAdminHub,
  type FakeAdminHub
} from '../../../test/fake-admin-hub.js';
import type { Role } from '../../plugins/auth.js';

const URL = '/services/catalyst/api/training/hub-check';

// The check reads the hub only; the database is needed by the app, not by the check.
const backend = backends()[0] as BackendName;

describe('training hub checks', () => {
  let db: TestDatabase;
  let hub: FakeAdminHub;
  let t: TestApp;

  before(async () => {
    db = await startDatabase(backend);
    hub = await startFakeAdminHub({ member: false, champion: false });
    hub.groups.get('hub-champions')?.add('champion');
    t = await buildTestApp({
      DATABASE_URL: db.url,
      JUPYTERHUB_API_URL: hub.apiUrl,
      CATALYST_HUB_ID: 'hub-a'
    });
    await t.app.ready();
  });

  after(async () => {
    await t.app.close();
    await hub.close();
    await db.close();
  });

  function ask(user: string, roles: Role[], body: Record<string, unknown>) {
    const token = t.app.jwt.sign({
      sub: user,
      roles,
      hub: t.config.hubId,
      lang: 'en'
    });
    return t.app.inject({
      method: 'POST',
      url: URL,
      headers: { authorization: `Bearer ${token}` },
      payload: body
    });
  }
  const champion = (body: Record<string, unknown>) =>
    ask('champion', ['member', 'hub-champion'], body);

  it("follows the hub's real state: user, group, running server", async () => {
    let answer = await champion({
      type: 'hub',
      user: 'test-learner',
      exists: true
    });
    assert.equal(answer.statusCode, 200);
    assert.deepEqual(answer.json(), {
      passed: false,
      reason: 'no-user',
      user: 'test-learner'
    });
    hub.users.set('test-learner', {
      name: 'test-learner',
      admin: false,
      running: false
    });
    answer = await champion({
      type: 'hub',
      user: 'test-learner',
      exists: true
    });
    assert.equal(answer.json().passed, true);

    answer = await champion({
      type: 'hub',
      user: 'test-learner',
      inGroup: 'hub-champions'
    });
    assert.deepEqual(answer.json(), {
      passed: false,
      reason: 'not-in-group',
      user: 'test-learner',
      group: 'hub-champions'
    });
    hub.groups.get('hub-champions')?.add('test-learner');
    answer = await champion({
      type: 'hub',
      user: 'test-learner',
      inGroup: 'hub-champions'
    });
    assert.equal(answer.json().passed, true);

    const running = (value: boolean) =>
      champion({ type: 'hub', user: 'test-learner', running: value });
    assert.equal((await running(true)).json().reason, 'not-running');
    assert.equal((await running(false)).json().passed, true);
    (hub.users.get('test-learner') as { running: boolean }).running = true;
    assert.equal((await running(true)).json().passed, true);
    assert.equal((await running(false)).json().reason, 'running');
    // Only reads: nothing but GETs reached the hub.
    assert.ok(hub.requests.every(line => line.startsWith('GET ')));
  });

  it("checks the caller by default; another user's state needs hub-champion", async () => {
    const own = await ask('member', ['member'], { type: 'hub', exists: true });
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.json(), {
      passed: true,
      reason: 'passed',
      user: 'member'
    });
    const before = hub.requests.length;
    const other = await ask('member', ['member'], {
      type: 'hub',
      user: 'champion',
      running: true
    });
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().code, 'forbidden');
    assert.equal(hub.requests.length, before, 'the hub was not asked');
  });

  it('refuses a malformed check with 400 naming the field', async () => {
    const answer = await champion({ type: 'hub', user: 'a b', exists: true });
    assert.equal(answer.statusCode, 400);
    assert.match(answer.json().message, /user/);
    const extra = await champion({ type: 'hub', exists: true, admin: true });
    assert.equal(extra.statusCode, 400);
    assert.match(extra.json().message, /admin/);
  });

  it('answers 503 when the hub cannot be reached', async () => {
    const down = await buildTestApp({
      DATABASE_URL: db.url,
      JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api',
      CATALYST_HUB_ID: 'hub-a'
    });
    await down.app.ready();
    try {
      const token = down.app.jwt.sign({
        sub: 'member',
        roles: ['member'],
        hub: down.config.hubId,
        lang: 'en'
      });
      const answer = await down.app.inject({
        method: 'POST',
        url: URL,
        headers: { authorization: `Bearer ${token}` },
        payload: { type: 'hub', exists: true }
      });
      assert.equal(answer.statusCode, 503);
      assert.equal(answer.json().code, 'hub_unreachable');
    } finally {
      await down.app.close();
    }
  });
});
