import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import {
  startFakeAdminHub,
  type FakeAdminHub
} from '../../../test/fake-admin-hub.js';
import type { Role } from '../../plugins/auth.js';

const BASE = '/services/catalyst/api/admin';

/** Every admin route, with a request that a Hub Champion may make. */
const ROUTES: {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  payload?: object;
}[] = [
  { method: 'GET', url: '/users?limit=10' },
  { method: 'POST', url: '/users', payload: { usernames: ['new-one'] } },
  { method: 'DELETE', url: '/users/bea' },
  { method: 'POST', url: '/users/bea/server' },
  { method: 'DELETE', url: '/users/bea/server' },
  { method: 'POST', url: '/users/bea/servers/gpu' },
  { method: 'DELETE', url: '/users/bea/servers/gpu' },
  { method: 'GET', url: '/groups' },
  { method: 'POST', url: '/groups/cohort' },
  { method: 'DELETE', url: '/groups/cohort' },
  { method: 'POST', url: '/groups/cohort/users', payload: { users: ['bea'] } },
  {
    method: 'DELETE',
    url: '/groups/cohort/users',
    payload: { users: ['bea'] }
  },
  { method: 'GET', url: '/info' },
  { method: 'GET', url: '/audit' },
  { method: 'GET', url: '/audit/export' }
];

const CALLERS: { who: string; roles: Role[] | null; status: number }[] = [
  { who: 'anonymous', roles: null, status: 401 },
  { who: 'member', roles: ['member'], status: 403 },
  {
    who: 'community-champion',
    roles: ['member', 'community-champion'],
    status: 403
  },
  { who: 'core-team', roles: ['member', 'core-team'], status: 403 }
];

for (const backend of backends()) {
  describe(`admin routes (${backend})`, () => {
    let db: TestDatabase;
    let hub: FakeAdminHub;
    let t: TestApp;

    before(async () => {
      db = await startDatabase(backend);
      hub = await startFakeAdminHub({});
      t = await buildTestApp({
        DATABASE_URL: db.url,
        JUPYTERHUB_API_URL: hub.apiUrl,
        JUPYTERHUB_PUBLIC_URL: 'https://hub.example.org/',
        CATALYST_HUB_ID: 'hub-a'
      });
      await t.app.ready();
    });
    after(async () => {
      await t?.app.close();
      await hub?.close();
      await db?.close();
    });
    beforeEach(() => {
      hub.users.clear();
      for (const [name, admin] of [
        ['chen', false],
        ['bea', false],
        ['root', true]
      ] as const) {
        hub.users.set(name, { name, admin, running: false });
      }
      hub.groups.clear();
      hub.groups.set('hub-champions', new Set(['chen']));
      hub.requests.length = 0;
    });

    const jwt = (sub: string, roles: Role[], hubId = 'hub-a') =>
      t.app.jwt.sign({ sub, roles, hub: hubId, lang: 'en' });
    const champion = () => jwt('chen', ['member', 'hub-champion']);
    const send = (route: (typeof ROUTES)[number], token: string | null) =>
      t.app.inject({
        method: route.method,
        url: `${BASE}${route.url}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(route.payload ? { payload: route.payload } : {})
      });

    describe('role matrix', () => {
      for (const route of ROUTES) {
        for (const caller of CALLERS) {
          it(`${route.method} ${route.url} × ${caller.who} → ${caller.status}, hub untouched`, async () => {
            const token = caller.roles ? jwt('mia', caller.roles) : null;
            const res = await send(route, token);
            assert.equal(res.statusCode, caller.status, res.body);
            assert.deepEqual(hub.requests, []);
          });
        }
        it(`${route.method} ${route.url} × hub-champion → 200`, async () => {
          if (
            route.url.startsWith('/groups/cohort') &&
            route.method !== 'POST'
          ) {
            hub.groups.set('cohort', new Set(['bea']));
          }
          if (route.url === '/groups/cohort/users') {
            hub.groups.set('cohort', new Set(['bea']));
          }
          const res = await send(route, champion());
          assert.equal(res.statusCode, 200, res.body);
        });
      }

      it('refuses a champion session of another hub (401)', async () => {
        const res = await send(
          ROUTES[0] as (typeof ROUTES)[number],
          jwt('chen', ['hub-champion'], 'hub-b')
        );
        assert.equal(res.statusCode, 401);
      });
    });

    it('lists users with servers, total and paging', async () => {
      hub.users.get('bea')!.running = true;
      const res = await send(
        { method: 'GET', url: '/users?limit=2&offset=0&name_filter=e' },
        champion()
      );
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json();
      assert.equal(page.total, 2);
      assert.deepEqual(
        page.items.map((u: { name: string }) => u.name),
        ['chen', 'bea']
      );
      assert.equal(page.items[1].servers[0].ready, true);
      assert.equal(page.items[0].servers[0].ready, false);
      assert.deepEqual(page.items[0].groups, ['hub-champions']);
      assert.ok(hub.requests[0]?.startsWith('GET /users'));
    });

    it('refuses a page larger than 200 and an unknown sort', async () => {
      for (const url of ['/users?limit=201', '/users?sort=created']) {
        const res = await send({ method: 'GET', url }, champion());
        assert.equal(res.statusCode, 400, url);
      }
    });

    it('previews pasted names, then creates only the valid new ones on confirm', async () => {
      const usernames = ['Ana', 'ana', 'bea', 'no spaces', '', 'zoe'];
      const preview = await send(
        {
          method: 'POST',
          url: '/users',
          payload: { usernames, group: 'cohort' }
        },
        champion()
      );
      assert.equal(preview.statusCode, 200, preview.body);
      const body = preview.json();
      assert.deepEqual(
        body.names.map(
          (n: { name: string; status: string }) => `${n.name}:${n.status}`
        ),
        [
          'ana:new',
          'ana:duplicate',
          'bea:exists',
          'no spaces:invalid',
          'zoe:new'
        ]
      );
      assert.equal(body.confirmed, false);
      assert.equal(body.groupExists, false);
      assert.ok(!hub.users.has('ana'), 'a preview creates nobody');

      const done = await send(
        {
          method: 'POST',
          url: '/users',
          payload: { usernames, group: 'cohort', confirm: true }
        },
        champion()
      );
      assert.equal(done.statusCode, 200, done.body);
      assert.deepEqual(done.json().created, ['ana', 'zoe']);
      assert.ok(hub.users.has('ana') && hub.users.has('zoe'));
      assert.deepEqual([...(hub.groups.get('cohort') ?? [])].sort(), [
        'ana',
        'bea',
        'zoe'
      ]);
    });

    describe('rules the hub does not enforce', () => {
      const refusals: {
        what: string;
        route: (typeof ROUTES)[number];
        status: number;
        code: string;
      }[] = [
        {
          what: 'deleting an admin',
          route: { method: 'DELETE', url: '/users/root' },
          status: 403,
          code: 'admin_protected'
        },
        {
          what: 'granting admin',
          route: {
            method: 'POST',
            url: '/users',
            payload: { usernames: ['x'], admin: true, confirm: true }
          },
          status: 403,
          code: 'admin_protected'
        },
        {
          what: 'deleting yourself',
          route: { method: 'DELETE', url: '/users/chen' },
          status: 403,
          code: 'forbidden'
        },
        {
          what: 'stopping your own server',
          route: { method: 'DELETE', url: '/users/chen/server' },
          status: 403,
          code: 'forbidden'
        },
        {
          what: 'deleting the champions group',
          route: { method: 'DELETE', url: '/groups/hub-champions' },
          status: 403,
          code: 'forbidden'
        },
        {
          what: 'leaving the champions group',
          route: {
            method: 'DELETE',
            url: '/groups/hub-champions/users',
            payload: { users: ['chen'] }
          },
          status: 403,
          code: 'forbidden'
        }
      ];
      for (const r of refusals) {
        it(`refuses ${r.what}, audits it and leaves the hub unchanged`, async () => {
          const res = await send(r.route, champion());
          assert.equal(res.statusCode, r.status, res.body);
          assert.equal(res.json().code, r.code);
          if (r.code === 'admin_protected') {
            assert.match(
              res.json().message,
              /https:\/\/hub\.example\.org\/hub\/admin/
            );
          }
          assert.ok(hub.users.has('root') && hub.users.has('chen'));
          assert.ok(!hub.users.has('x'));
          assert.ok(hub.groups.get('hub-champions')?.has('chen'));
          assert.ok(
            hub.requests.every(r => r.startsWith('GET ')),
            hub.requests.join(', ')
          );
          const log = await send(
            { method: 'GET', url: '/audit?actor=chen&limit=1' },
            champion()
          );
          assert.equal(log.json().items[0].outcome, 'refused');
        });
      }
    });

    it('deletes a user, audits the hub answer, and reports a missing user as 404', async () => {
      const res = await send(
        { method: 'DELETE', url: '/users/bea' },
        champion()
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(!hub.users.has('bea'));
      const missing = await send(
        { method: 'DELETE', url: '/users/bea' },
        champion()
      );
      assert.equal(missing.statusCode, 404);
      const log = await send(
        { method: 'GET', url: '/audit?action=user.delete&target=bea' },
        champion()
      );
      const entry = log
        .json()
        .items.find((e: { outcome: string }) => e.outcome === 'ok');
      assert.equal(entry.actor, 'chen');
      assert.equal(entry.detail.status, 204);
    });

    it('counts group members and filters groups by name', async () => {
      hub.groups.set('cohort-a', new Set(['bea', 'root']));
      const res = await send(
        { method: 'GET', url: '/groups?search=COHORT' },
        champion()
      );
      assert.deepEqual(res.json(), {
        items: [{ name: 'cohort-a', users: ['bea', 'root'], memberCount: 2 }],
        total: 1
      });
    });

    it('explains the hub: version, authenticator and features', async () => {
      const res = await send({ method: 'GET', url: '/info' }, champion());
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().version, '5.4.6');
      assert.equal(res.json().authenticator.class, 'DummyAuthenticator');
      assert.deepEqual(res.json().features, {
        sort: true,
        groupProperties: true
      });
      assert.equal(res.json().adminUrl, 'https://hub.example.org/hub/admin');
    });

    it('exports the audit log as CSV with formula-like cells escaped', async () => {
      await send({ method: 'POST', url: '/groups/=cmd' }, champion());
      const res = await send(
        { method: 'GET', url: '/audit/export?action=group.create' },
        champion()
      );
      assert.equal(res.statusCode, 200, res.body);
      const { filename, csv } = res.json();
      assert.equal(filename, 'catalyst-audit-hub-a.csv');
      const lines = csv.trim().split('\r\n');
      assert.equal(
        lines[0],
        '"at","actor","action","target","outcome","detail"'
      );
      assert.match(lines[1], /"'=cmd"/);
    });
  });
}
