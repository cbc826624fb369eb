import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/build-app.js';
import { startDatabase, type TestDatabase } from '../../../test/databases.js';
import {
  startFakeAdminHub,
  type FakeAdminHub
} from '../../../test/fake-admin-hub.js';
import { silentLogger } from '../../logger.js';
import { activityKey, nameMatcher } from './admin.index.js';
import { HubAdminClient } from './admin.hub.js';
import {
  createAuditRepository,
  createTrainingSummaryReader
} from './admin.repository.js';
import type { UserListQuery } from './admin.schemas.js';
import { createAdminService, type AdminService } from './admin.service.js';

const DAY = 24 * 60 * 60 * 1000;
const USERS = 250;

/** Every combination of the filters the hub cannot apply, each with every sort, half of them with a name filter. */
function queries(): Omit<UserListQuery, 'offset' | 'limit'>[] {
  const list: Omit<UserListQuery, 'offset' | 'limit'>[] = [];
  let n = 0;
  const sorts = [
    undefined,
    'name',
    '-name',
    'last_activity',
    '-last_activity'
  ] as const;
  for (const admin of [undefined, true, false])
    for (const group of [undefined, 'g1'])
      for (const never of [undefined, true])
        for (const inactive of [undefined, 30]) {
          if (admin === undefined && !group && !never && inactive === undefined)
            continue;
          for (const sort of sorts)
            list.push({
              admin,
              group,
              never_logged_in: never,
              inactive_days: inactive,
              sort,
              name_filter: n++ % 2 ? 'U_1' : undefined
            });
        }
  return list;
}

describe('admin user index', () => {
  it('reads activity times to the microsecond and the name filter as ILIKE', () => {
    assert.equal(
      activityKey('2026-01-01T00:00:00.000002Z')! -
        activityKey('2026-01-01T00:00:00.000001Z')!,
      1
    );
    assert.ok(
      activityKey('2026-01-01T00:00:00Z')! <
        activityKey('2026-01-01T00:00:00.5Z')!
    );
    assert.equal(activityKey(null), null);
    assert.ok(nameMatcher('a_b')('xA-By'));
    assert.ok(nameMatcher('a%b')('a..b'));
    assert.ok(!nameMatcher('a.b')('axb'));
  });

  describe('answers exactly as a full read of the hub', () => {
    let db: TestDatabase;
    let hub: FakeAdminHub;
    let t: TestApp;
    let indexed: AdminService;
    let full: AdminService;
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();

    before(async () => {
      db = await startDatabase('pglite');
      hub = await startFakeAdminHub({});
      t = await buildTestApp({
        DATABASE_URL: db.url,
        JUPYTERHUB_API_URL: hub.apiUrl,
        JUPYTERHUB_PUBLIC_URL: 'https://hub.example.org/',
        CATALYST_HUB_ID: 'hub-a'
      });
      await t.app.ready();
      hub.groups.set('g1', new Set());
      hub.groups.set('g2', new Set());
      for (let i = 0; i < USERS; i++) {
        const name = `u${(i * 7919) % USERS}`;
        hub.users.set(name, {
          name,
          admin: i % 37 === 0,
          running: i % 11 === 0,
          // Nulls, ties on the same time, days and months ago.
          lastActivity:
            i % 5 === 0
              ? null
              : iso(now - (i % 4 === 0 ? 3 * DAY : (i % 97) * DAY)),
          named: i % 13 === 0 ? { gpu: i % 2 === 0 } : undefined
        });
        if (i % 3 === 0) hub.groups.get('g1')!.add(name);
        if (i % 4 === 0) hub.groups.get('g2')!.add(name);
      }
      const service = (indexUsers: boolean) =>
        createAdminService({
          config: t.config,
          hub: new HubAdminClient({ ...t.config.hubApi!, log: silentLogger }),
          audit: createAuditRepository(t.app.db),
          training: createTrainingSummaryReader(t.app.db),
          indexUsers
        });
      indexed = service(true);
      full = service(false);
      await indexed.warmIndex();
    });
    after(async () => {
      indexed?.stopIndex();
      await t?.app.close();
      await hub?.close();
      await db?.close();
    });

    /** Both paths give the same first and second pages, totals and "all that match" for every query. */
    async function compareAll(): Promise<void> {
      for (const query of queries()) {
        for (const offset of [0, 7]) {
          const page = { ...query, offset, limit: 7 };
          assert.deepEqual(
            await indexed.listUsers(page),
            await full.listUsers(page),
            JSON.stringify(page)
          );
        }
        const { sort, ...names } = query;
        if (sort) continue;
        assert.deepEqual(
          await indexed.userNames(names),
          await full.userNames(names),
          JSON.stringify(names)
        );
      }
    }

    it('for every filter, combination, sort and page, reading one page of the hub instead of all', async () => {
      await compareAll();
      hub.requests.length = 0;
      const page = await indexed.listUsers({
        offset: 0,
        limit: 50,
        admin: true
      });
      assert.ok(page.total > 0);
      assert.equal(hub.requests.filter(r => r === 'GET /users').length, 1);
      hub.requests.length = 0;
      await full.listUsers({ offset: 0, limit: 50, admin: true });
      assert.equal(
        hub.requests.filter(r => r === 'GET /users').length,
        Math.ceil((USERS + 1) / 200)
      );
    });

    it('after changes made through the console', async () => {
      const plain = [...hub.users.values()].filter(u => !u.admin && !u.running);
      const [a, c, d, e] = plain.map(u => u.name);
      // Renamed with no activity: it ties with many users, and keeps its place among them.
      const b = plain.find(u => !u.lastActivity && u.name !== a)!.name;
      const running = [...hub.users.values()].find(u => u.running)!.name;
      await indexed.addUsers('chen', {
        usernames: ['new-a', 'new-b'],
        group: 'g1',
        confirm: true
      });
      await indexed.deleteUser('chen', a!);
      await indexed.editUser('chen', b, { name: `${b}-renamed` });
      await indexed.addMembers('chen', 'g1', [c!, d!]);
      await indexed.removeMembers(
        'chen',
        'g1',
        [...hub.groups.get('g1')!].slice(0, 2)
      );
      await indexed.deleteGroup('chen', 'g2');
      await indexed.startServer('chen', e!, '');
      await indexed.stopServer('chen', running, '');
      await compareAll();
    });

    it('after changes made directly on the hub: logins and users created or deleted elsewhere', async () => {
      // A login: fresh activity and groups the authenticator set.
      const u42 = hub.users.get('u42')!;
      u42.lastActivity = iso(now);
      hub.groups.get('g1')!.add('u42');
      await compareAll();
      // A user created by their first login: seen by the refresh, no full read.
      hub.users.set('first-login', {
        name: 'first-login',
        admin: false,
        running: true,
        lastActivity: iso(now + 1000)
      });
      hub.groups.get('g1')!.add('first-login');
      hub.requests.length = 0;
      await indexed.listUsers({ offset: 0, limit: 7, group: 'g1' });
      assert.equal(hub.requests.filter(r => r === 'GET /users').length, 1);
      await compareAll();
      // Deleted by another admin: only the total shows it.
      hub.users.delete('u49');
      await compareAll();
      // Created elsewhere without activity: only the total shows it.
      hub.users.set('no-activity', {
        name: 'no-activity',
        admin: false,
        running: false
      });
      await compareAll();
    });

    it('after changes that leave no activity, once the index is read again', async () => {
      hub.users.get('u56')!.admin = true;
      hub.groups.get('g1')!.delete('u63');
      await indexed.warmIndex();
      await compareAll();
    });
  });
});
