import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import type { Role } from '../../plugins/auth.js';

const BASE = '/services/catalyst/api/training/help';

function call(
  t: TestApp,
  user: string,
  roles: Role[],
  method: 'GET' | 'POST',
  url: string,
  body?: Record<string, unknown>,
  key?: string
) {
  const token = t.app.jwt.sign({
    sub: user,
    roles,
    hub: t.config.hubId,
    lang: 'en'
  });
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(key ? { 'idempotency-key': key } : {})
    },
    ...(body ? { payload: body } : {})
  });
}

const STUCK = {
  tutorialId: 'first-python-notebook',
  version: '2026.11.1',
  stepId: 'keep-a-value'
};
const CHAMPION: Role[] = ['member', 'hub-champion'];

for (const backend of backends()) {
  describe(`training help requests (${backend})`, () => {
    let db: TestDatabase;
    let t: TestApp;
    let other: TestApp;

    before(async () => {
      db = await startDatabase(backend);
      const env = (hub: string) => ({
        DATABASE_URL: db.url,
        JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api',
        CATALYST_HUB_ID: hub
      });
      t = await buildTestApp(env('hub-a'));
      await t.app.ready();
      other = await buildTestApp(env('hub-b'));
      await other.app.ready();
    });

    after(async () => {
      await t?.app.close();
      await other?.app.close();
      await db?.close();
    });

    it('records a stuck learner once per key, with the note and consented context', async () => {
      const body = {
        ...STUCK,
        note: '  I ran the cell but the check says False  ',
        context: {
          attempts: 3,
          hintsUsed: 1,
          reasons: ['kernel-false'],
          language: 'es'
        }
      };
      const first = await call(
        t,
        'ana',
        ['member'],
        'POST',
        BASE,
        body,
        'help-ana-0001'
      );
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(
        first.json().note,
        'I ran the cell but the check says False'
      );
      assert.equal(first.json().context.attempts, 3);
      // Resent after a lost answer: the same request, not a second one.
      const again = await call(
        t,
        'ana',
        ['member'],
        'POST',
        BASE,
        body,
        'help-ana-0001'
      );
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().id, first.json().id);
      // Without consent, only the step travels.
      const bare = await call(
        t,
        'ben',
        ['member'],
        'POST',
        BASE,
        STUCK,
        'help-ben-0001'
      );
      assert.equal(bare.statusCode, 201);
      assert.equal(bare.json().context, null);
      assert.equal(bare.json().note, null);

      const list = await call(
        t,
        'champion',
        CHAMPION,
        'GET',
        `${BASE}?open=true`
      );
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list
          .json()
          .requests.map((r: { user: string }) => r.user)
          .sort(),
        ['ana', 'ben']
      );
    });

    it("keeps requests to the learner's hub and to champions", async () => {
      const member = await call(t, 'ana', ['member'], 'GET', BASE);
      assert.equal(member.statusCode, 403);
      const elsewhere = await call(other, 'champion', CHAMPION, 'GET', BASE);
      assert.equal(elsewhere.statusCode, 200);
      assert.deepEqual(elsewhere.json().requests, []);
    });

    it('lets a champion resolve a request of their hub only', async () => {
      const list = await call(
        t,
        'champion',
        CHAMPION,
        'GET',
        `${BASE}?open=true`
      );
      const id = list.json().requests[0].id as string;
      const foreign = await call(
        other,
        'champion',
        CHAMPION,
        'POST',
        `${BASE}/${id}/resolve`
      );
      assert.equal(foreign.statusCode, 404);
      const byMember = await call(
        t,
        'ana',
        ['member'],
        'POST',
        `${BASE}/${id}/resolve`
      );
      assert.equal(byMember.statusCode, 403);
      const done = await call(
        t,
        'champion',
        CHAMPION,
        'POST',
        `${BASE}/${id}/resolve`
      );
      assert.equal(done.statusCode, 200);
      assert.equal(done.json().resolvedBy, 'champion');
      assert.ok(done.json().resolvedAt);
      const open = await call(
        t,
        'champion',
        CHAMPION,
        'GET',
        `${BASE}?open=true`
      );
      assert.equal(open.json().requests.length, 1);
      const all = await call(t, 'champion', CHAMPION, 'GET', BASE);
      assert.equal(all.json().requests.length, 2);
    });

    it('refuses bad requests and changes nothing', async () => {
      const before = await call(t, 'champion', CHAMPION, 'GET', BASE);
      const noKey = await call(t, 'ana', ['member'], 'POST', BASE, STUCK);
      assert.equal(noKey.statusCode, 400);
      assert.match(noKey.json().message, /idempotency-key/);
      const unknown = await call(
        t,
        'ana',
        ['member'],
        'POST',
        BASE,
        { ...STUCK, stepId: 'nope' },
        'help-ana-0002'
      );
      assert.equal(unknown.statusCode, 404);
      const long = await call(
        t,
        'ana',
        ['member'],
        'POST',
        BASE,
        { ...STUCK, note: 'x'.repeat(1001) },
        'help-ana-0003'
      );
      assert.equal(long.statusCode, 400);
      assert.match(long.json().message, /note/);
      const extra = await call(
        t,
        'ana',
        ['member'],
        'POST',
        BASE,
        {
          ...STUCK,
          context: {
            attempts: 1,
            hintsUsed: 0,
            reasons: [],
            language: 'en',
            notebook: 'x'
          }
        },
        'help-ana-0004'
      );
      assert.equal(extra.statusCode, 400);
      const badId = await call(
        t,
        'champion',
        CHAMPION,
        'POST',
        `${BASE}/not-a-uuid/resolve`
      );
      assert.equal(badId.statusCode, 400);
      const after = await call(t, 'champion', CHAMPION, 'GET', BASE);
      assert.deepEqual(after.json(), before.json());
    });
  });
}
