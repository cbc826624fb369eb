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
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT';
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
  { method: 'GET', url: '/users/names?admin=false' },
  { method: 'PATCH', url: '/users/bea', payload: { name: 'bea2' } },
  { method: 'POST', url: '/users/bea/server/restart' },
  { method: 'POST', url: '/users/bea/servers/gpu/restart' },
  { method: 'DELETE', url: '/users/bea/servers/gpu?remove=true' },
  { method: 'GET', url: '/users/bea/server/progress' },
  { method: 'GET', url: '/users/bea/server/progress/latest' },
  {
    method: 'PUT',
    url: '/groups/cohort/properties',
    payload: { properties: { cpu_limit: 2 } }
  },
  { method: 'GET', url: '/totals' },
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
      hub.users.get('bea')!.named = { gpu: false };
      hub.groups.clear();
      hub.groups.set('hub-champions', new Set(['chen']));
      hub.groupProperties.clear();
      hub.metrics = null;
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

    it('refuses deleting a group that gives a role with 409, audits it, and lists the role so the console offers no Delete', async () => {
      hub.groups.set('community-champions', new Set(['bea']));
      hub.groups.set('core-team', new Set());
      hub.groups.set('cohort', new Set(['bea']));
      const list = await send({ method: 'GET', url: '/groups' }, champion());
      assert.deepEqual(
        Object.fromEntries(
          list
            .json()
            .items.map((g: { name: string; grantsRole: string }) => [
              g.name,
              g.grantsRole
            ])
        ),
        {
          cohort: null,
          'community-champions': 'community-champion',
          'core-team': 'core-team',
          'hub-champions': 'hub-champion'
        }
      );
      hub.requests.length = 0;
      for (const [group, role] of [
        ['hub-champions', 'hub-champion'],
        ['community-champions', 'community-champion'],
        ['core-team', 'core-team']
      ]) {
        const res = await send(
          { method: 'DELETE', url: `/groups/${group}` },
          champion()
        );
        assert.equal(res.statusCode, 409, res.body);
        assert.equal(res.json().code, 'conflict');
        assert.match(res.json().message, new RegExp(`the ${role} role`));
        assert.ok(hub.groups.has(group), `${group} still exists`);
        const log = await send(
          {
            method: 'GET',
            url: `/audit?action=group.delete&target=${group}&limit=1`
          },
          champion()
        );
        assert.equal(log.json().items[0].outcome, 'refused');
      }
      assert.match(
        (
          await send(
            { method: 'DELETE', url: '/groups/hub-champions' },
            champion()
          )
        ).json().message,
        /lock the Hub Champions out/
      );
      assert.deepEqual(hub.requests, [], 'the hub was not asked');
      assert.deepEqual([...hub.groups.get('hub-champions')!], ['chen']);
      const other = await send(
        { method: 'DELETE', url: '/groups/cohort' },
        champion()
      );
      assert.equal(other.statusCode, 200, other.body);
      assert.ok(!hub.groups.has('cohort'));
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
        items: [
          {
            name: 'cohort-a',
            users: ['bea', 'root'],
            memberCount: 2,
            properties: {},
            managed: null,
            grantsRole: null
          }
        ],
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
        groupProperties: true,
        progress: true
      });
      assert.equal(res.json().adminUrl, 'https://hub.example.org/hub/admin');
    });

    describe('filters the hub cannot apply', () => {
      const day = 24 * 60 * 60 * 1000;
      const names = (res: { json(): { items: { name: string }[] } }) =>
        res.json().items.map(u => u.name);
      // Its own service, whose user index first reads the hub as set below: the other tests change the
      // hub behind the index's back: activity going back to none, and group edits it sees at its next full read.
      let own: TestApp;
      before(async () => {
        own = await buildTestApp({
          DATABASE_URL: db.url,
          JUPYTERHUB_API_URL: hub.apiUrl,
          JUPYTERHUB_PUBLIC_URL: 'https://hub.example.org/',
          CATALYST_HUB_ID: 'hub-a'
        });
        await own.app.ready();
      });
      after(async () => {
        await own?.app.close();
      });
      const send = (route: { method: 'GET'; url: string }, token: string) =>
        own.app.inject({
          method: route.method,
          url: `${BASE}${route.url}`,
          headers: { authorization: `Bearer ${token}` }
        });
      beforeEach(() => {
        hub.users.get('chen')!.lastActivity = new Date().toISOString();
        // The hub omits the zone: the service reads it as UTC.
        hub.users.get('bea')!.lastActivity = new Date(Date.now() - 40 * day)
          .toISOString()
          .replace('Z', '');
        hub.users.get('root')!.lastActivity = null;
        hub.groups.set('cohort', new Set(['bea', 'root']));
      });
      const cases: [string, string[]][] = [
        ['admin=true', ['root']],
        ['admin=false', ['chen', 'bea']],
        ['group=cohort', ['bea', 'root']],
        ['never_logged_in=true', ['root']],
        ['inactive_days=30', ['bea', 'root']],
        ['inactive_days=60', ['root']],
        ['group=cohort&admin=false&name_filter=b', ['bea']]
      ];
      for (const [query, expected] of cases) {
        it(`${query} → ${expected.join(', ')}`, async () => {
          const res = await send(
            { method: 'GET', url: `/users?${query}` },
            champion()
          );
          assert.equal(res.statusCode, 200, res.body);
          assert.deepEqual(names(res), expected);
          assert.equal(res.json().total, expected.length);
        });
      }
      it('pages through the filtered users with the filtered total', async () => {
        const res = await send(
          { method: 'GET', url: '/users?inactive_days=30&limit=1&offset=1' },
          champion()
        );
        assert.deepEqual(names(res), ['root']);
        assert.equal(res.json().total, 2);
      });
      it('lists every matching name for a bulk action on all that match', async () => {
        const res = await send(
          { method: 'GET', url: '/users/names?group=cohort' },
          champion()
        );
        assert.deepEqual(res.json(), {
          names: ['bea', 'root'],
          total: 2,
          truncated: false
        });
      });
      it('refuses a bad filter with the field named', async () => {
        for (const url of [
          '/users?inactive_days=0',
          '/users?admin=maybe',
          '/users?group=a%20b'
        ]) {
          const res = await send({ method: 'GET', url }, champion());
          assert.equal(res.statusCode, 400, url);
          assert.match(res.json().message, /inactive_days|admin|group/);
        }
      });
    });

    it("shows each user's training progress from this hub only", async () => {
      const at = new Date('2026-11-20T10:00:00Z');
      const row = (
        hubId: string,
        step: string,
        status: string,
        version = '1'
      ) => ({
        hub_id: hubId,
        user_name: 'bea',
        tutorial_id: 'python-first',
        version,
        step_id: step,
        status: status as 'passed',
        attempts: 1,
        hints_used: 0,
        first_passed_at: status === 'passed' ? at : null,
        client_updated_at: at,
        updated_at: at
      });
      await t.app.db
        .insertInto('hubs')
        .values({ id: 'hub-b', community_id: null, name: 'Hub B', url: '' })
        .onConflict(oc => oc.column('id').doNothing())
        .execute();
      await t.app.db
        .insertInto('training_progress')
        .values([
          row('hub-a', 's1', 'passed'),
          row('hub-a', 's1', 'passed', '2'),
          row('hub-a', 's2', 'passed'),
          row('hub-a', 's3', 'started'),
          row('hub-b', 's4', 'passed')
        ])
        .execute();
      try {
        const res = await send(
          { method: 'GET', url: '/users?name_filter=bea' },
          champion()
        );
        assert.deepEqual(res.json().items[0].training, {
          passedSteps: 2,
          tutorials: 1,
          updatedAt: at.toISOString()
        });
        const chen = await send(
          { method: 'GET', url: '/users?name_filter=chen' },
          champion()
        );
        assert.equal(chen.json().items[0].training, null);
      } finally {
        await t.app.db.deleteFrom('training_progress').execute();
      }
    });

    it("reports the hub's totals from its metrics, else counted from its users", async () => {
      hub.metrics = [
        '# HELP jupyterhub_total_users total user count',
        'jupyterhub_total_users 1234',
        'jupyterhub_running_servers 56',
        'jupyterhub_active_users{period="24h"} 78',
        'jupyterhub_active_users{period="7d"} 90',
        'jupyterhub_active_users{period="30d"} 321'
      ].join('\n');
      const fromMetrics = await send(
        { method: 'GET', url: '/totals' },
        champion()
      );
      assert.deepEqual(fromMetrics.json(), {
        users: 1234,
        runningServers: 56,
        active24h: 78,
        active7d: 90,
        active30d: 321,
        source: 'metrics'
      });
      hub.metrics = null;
      hub.users.get('bea')!.running = true;
      hub.users.get('bea')!.lastActivity = new Date().toISOString();
      // A change through the console drops the cached totals.
      await send({ method: 'POST', url: '/groups/fresh' }, champion());
      const counted = await send({ method: 'GET', url: '/totals' }, champion());
      assert.deepEqual(counted.json(), {
        users: 3,
        runningServers: 1,
        active24h: 1,
        active7d: 1,
        active30d: 1,
        source: 'listing'
      });
    });

    it('restarts a server: stopped, then started, both audited', async () => {
      hub.users.get('bea')!.running = true;
      const res = await send(
        { method: 'POST', url: '/users/bea/server/restart' },
        champion()
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'started');
      assert.deepEqual(
        hub.requests.filter(r => !r.startsWith('GET')),
        ['DELETE /users/bea/server', 'POST /users/bea/server']
      );
      assert.equal(hub.users.get('bea')!.running, true);
      const own = await send(
        { method: 'POST', url: '/users/chen/server/restart' },
        champion()
      );
      assert.equal(own.statusCode, 403);
    });

    it('deletes a stopped named server and refuses a running one', async () => {
      hub.users.get('bea')!.named = { gpu: true, cpu: false };
      const running = await send(
        { method: 'DELETE', url: '/users/bea/servers/gpu?remove=true' },
        champion()
      );
      assert.equal(running.statusCode, 409, running.body);
      assert.match(running.json().message, /stop bea\/gpu/);
      assert.deepEqual(hub.users.get('bea')!.named, { gpu: true, cpu: false });
      const stopped = await send(
        { method: 'DELETE', url: '/users/bea/servers/cpu?remove=true' },
        champion()
      );
      assert.equal(stopped.statusCode, 200, stopped.body);
      assert.equal(stopped.json().status, 'removed');
      assert.deepEqual(hub.users.get('bea')!.named, { gpu: true });
      const missing = await send(
        { method: 'DELETE', url: '/users/bea/servers/cpu?remove=true' },
        champion()
      );
      assert.equal(missing.statusCode, 404);
    });

    it("relays the hub's spawn progress as server-sent events", async () => {
      const res = await send(
        { method: 'GET', url: '/users/bea/server/progress' },
        champion()
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.headers['content-type'] as string, /text\/event-stream/);
      assert.match(res.body, /"progress": 50/);
      assert.match(res.body, /"ready": true/);
      const unknown = await send(
        { method: 'GET', url: '/users/nobody/server/progress' },
        champion()
      );
      assert.equal(unknown.statusCode, 404);
      const latest = await send(
        { method: 'GET', url: '/users/bea/server/progress/latest' },
        champion()
      );
      assert.deepEqual(latest.json(), {
        progress: 100,
        message: 'Server ready at /user/bea/',
        ready: true,
        failed: false
      });
    });

    it('renames a user but never an admin, and never changes admin rights', async () => {
      const res = await send(
        { method: 'PATCH', url: '/users/bea', payload: { name: 'Bea-2' } },
        champion()
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().name, 'bea-2');
      assert.ok(hub.users.has('bea-2') && !hub.users.has('bea'));
      for (const payload of [
        { name: 'boss' },
        { admin: false },
        { admin: true }
      ]) {
        const refused = await send(
          { method: 'PATCH', url: '/users/root', payload },
          champion()
        );
        assert.equal(refused.statusCode, 403, JSON.stringify(payload));
        assert.equal(refused.json().code, 'admin_protected');
      }
      const grant = await send(
        { method: 'PATCH', url: '/users/bea-2', payload: { admin: true } },
        champion()
      );
      assert.equal(grant.json().code, 'admin_protected');
      assert.equal(hub.users.get('root')!.admin, true);
      assert.equal(hub.users.get('bea-2')!.admin, false);
      assert.ok(hub.requests.every(r => !r.startsWith('PATCH /users/root')));
    });

    describe('group properties and groups the login system manages', () => {
      beforeEach(() => {
        hub.groups.set('cohort', new Set(['bea']));
        hub.groups.set('gh-team', new Set(['bea']));
        hub.groupProperties.set('gh-team', {
          'catalyst.managed': 'synced from the GitHub team at each login'
        });
      });
      it('replaces typed properties and audits them', async () => {
        const properties = { cpu_limit: 2, image: 'rocker', gpu: false };
        const res = await send(
          {
            method: 'PUT',
            url: '/groups/cohort/properties',
            payload: { properties }
          },
          champion()
        );
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(hub.groupProperties.get('cohort'), properties);
        const list = await send(
          { method: 'GET', url: '/groups?search=cohort' },
          champion()
        );
        assert.deepEqual(list.json().items[0].properties, properties);
      });
      it('refuses nested values and the operator-only marker', async () => {
        for (const properties of [
          { deep: { a: 1 } },
          { 'catalyst.managed': 'no' }
        ]) {
          const res = await send(
            {
              method: 'PUT',
              url: '/groups/cohort/properties',
              payload: { properties }
            },
            champion()
          );
          assert.equal(res.statusCode, 400, res.body);
          assert.match(res.json().message, /properties/);
        }
        assert.equal(hub.groupProperties.get('cohort'), undefined);
      });
      it('shows a managed group with its reason and refuses every edit of it', async () => {
        const list = await send(
          { method: 'GET', url: '/groups?search=gh' },
          champion()
        );
        assert.equal(
          list.json().items[0].managed,
          'synced from the GitHub team at each login'
        );
        const edits: (typeof ROUTES)[number][] = [
          {
            method: 'POST',
            url: '/groups/gh-team/users',
            payload: { users: ['chen'] }
          },
          {
            method: 'DELETE',
            url: '/groups/gh-team/users',
            payload: { users: ['bea'] }
          },
          { method: 'DELETE', url: '/groups/gh-team' },
          {
            method: 'PUT',
            url: '/groups/gh-team/properties',
            payload: { properties: { a: 1 } }
          },
          {
            method: 'POST',
            url: '/users',
            payload: { usernames: ['newbie'], group: 'gh-team', confirm: true }
          }
        ];
        for (const edit of edits) {
          const res = await send(edit, champion());
          assert.equal(res.statusCode, 409, `${edit.method} ${edit.url}`);
          assert.match(res.json().message, /login system/);
        }
        assert.deepEqual([...hub.groups.get('gh-team')!], ['bea']);
        assert.ok(!hub.users.has('newbie'));
        assert.ok(hub.requests.every(r => r.startsWith('GET ')));
      });
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
