/** The admin console against a real JupyterHub 5.4: after each action the hub's own state is checked. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLocalHub, type LocalHub } from './local-hub.js';
import { serviceCall, sessionFor as sessionOf } from './service-client.js';

const EXTRA = ['it-alice', 'it-bob', 'it-carol'];
/** A real hub admin, so the refusals are checked against the hub's own state. */
const ADMIN = 'hubadmin';

describe('admin console through a real hub', () => {
  let hub: LocalHub;
  let champion: string;
  let member: string;

  const sessionFor = (name: string) => sessionOf(hub, name);
  const admin = (jwt: string, method: string, path: string, body?: unknown) =>
    serviceCall(hub, jwt, method, `admin${path}`, body);

  async function hubUser(name: string): Promise<{
    status: number;
    groups?: string[];
    servers?: Record<string, { ready: boolean; pending: string | null }>;
  }> {
    const res = await hub.hubApi(`/users/${name}`);
    if (res.status !== 200) {
      await res.arrayBuffer();
      return { status: res.status };
    }
    return { status: 200, ...((await res.json()) as object) };
  }

  async function hubGroup(name: string): Promise<string[] | null> {
    const res = await hub.hubApi(`/groups/${name}`);
    if (res.status !== 200) {
      await res.arrayBuffer();
      return null;
    }
    return ((await res.json()) as { users: string[] }).users.sort();
  }

  async function until(
    what: string,
    check: () => Promise<boolean>,
    timeoutMs = 90_000
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`${what} did not happen within ${timeoutMs} ms`);
  }

  before(async () => {
    hub = await startLocalHub({
      usePostgres: Boolean(process.env.TEST_DATABASE_URL),
      env: {
        CATALYST_EXTRA_USERS: EXTRA.join(','),
        CATALYST_DEMO_ADMINS: ADMIN
      }
    });
    champion = await sessionFor('champion');
    member = await sessionFor('member');
  });
  after(async () => {
    await hub?.stop();
  });

  it("refuses a member's session on every kind of route, leaving the hub unchanged", async () => {
    for (const [method, path] of [
      ['GET', '/users'],
      ['DELETE', '/users/it-carol'],
      ['POST', '/users/it-carol/server'],
      ['POST', '/groups/it-x'],
      ['GET', '/audit']
    ] as const) {
      const res = await admin(member, method, path);
      assert.equal(res.status, 403, `${method} ${path}`);
    }
    assert.equal((await hubUser('it-carol')).status, 200);
    assert.equal(await hubGroup('it-x'), null);
  });

  it('lists users through the pagination API: filter, sort, total', async () => {
    const res = await admin(
      champion,
      'GET',
      '/users?name_filter=it-&sort=-name&limit=2'
    );
    assert.equal(res.status, 200, await res.clone().text());
    const page = (await res.json()) as {
      total: number;
      items: { name: string }[];
    };
    assert.equal(page.total, 3);
    assert.deepEqual(
      page.items.map(u => u.name),
      ['it-carol', 'it-bob']
    );
  });

  it('explains the hub: version and authenticator', async () => {
    const res = await admin(champion, 'GET', '/info');
    assert.equal(res.status, 200, await res.clone().text());
    const info = (await res.json()) as {
      version: string;
      authenticator: { class: string };
    };
    assert.match(info.version, /^5\.4\./);
    assert.match(info.authenticator.class, /Dummy/);
  });

  it("starts and stops a user's real server; the hub shows each state", async () => {
    const start = await admin(champion, 'POST', '/users/it-alice/server');
    assert.equal(start.status, 200, await start.clone().text());
    await until(
      'it-alice ready',
      async () => (await hubUser('it-alice')).servers?.['']?.ready === true
    );
    const ready = await admin(
      champion,
      'GET',
      '/users?state=ready&name_filter=it-'
    );
    assert.deepEqual(
      ((await ready.json()) as { items: { name: string }[] }).items.map(
        u => u.name
      ),
      ['it-alice']
    );
    const stop = await admin(champion, 'DELETE', '/users/it-alice/server');
    assert.equal(stop.status, 200, await stop.clone().text());
    await until(
      'it-alice stopped',
      async () => !(await hubUser('it-alice')).servers?.['']
    );
  });

  it('bulk-adds valid new names into a group after a preview that creates nothing', async () => {
    const usernames = ['it-dan', 'IT-DAN', 'bad name', 'it-bob'];
    const preview = await admin(champion, 'POST', '/users', {
      usernames,
      group: 'it-cohort'
    });
    assert.equal(preview.status, 200, await preview.clone().text());
    const statuses = (
      (await preview.json()) as { names: { status: string }[] }
    ).names.map(n => n.status);
    assert.deepEqual(statuses, ['new', 'duplicate', 'invalid', 'exists']);
    assert.equal((await hubUser('it-dan')).status, 404);
    assert.equal(await hubGroup('it-cohort'), null);

    const done = await admin(champion, 'POST', '/users', {
      usernames,
      group: 'it-cohort',
      confirm: true
    });
    assert.equal(done.status, 200, await done.clone().text());
    assert.equal((await hubUser('it-dan')).status, 200);
    assert.deepEqual(await hubGroup('it-cohort'), ['it-bob', 'it-dan']);
  });

  it('edits group membership and deletes a group; the hub agrees', async () => {
    assert.equal((await admin(champion, 'POST', '/groups/it-g')).status, 200);
    assert.deepEqual(await hubGroup('it-g'), []);
    assert.equal(
      (
        await admin(champion, 'POST', '/groups/it-g/users', {
          users: ['it-bob', 'it-carol']
        })
      ).status,
      200
    );
    assert.deepEqual(await hubGroup('it-g'), ['it-bob', 'it-carol']);
    assert.equal(
      (
        await admin(champion, 'DELETE', '/groups/it-g/users', {
          users: ['it-bob']
        })
      ).status,
      200
    );
    assert.deepEqual(await hubGroup('it-g'), ['it-carol']);
    const groups = (await (
      await admin(champion, 'GET', '/groups?search=it-g')
    ).json()) as {
      items: { name: string; memberCount: number }[];
    };
    assert.deepEqual(groups.items, [
      {
        name: 'it-g',
        users: ['it-carol'],
        memberCount: 1,
        properties: {},
        managed: null,
        grantsRole: null
      }
    ]);
    assert.equal((await admin(champion, 'DELETE', '/groups/it-g')).status, 200);
    assert.equal(await hubGroup('it-g'), null);
  });

  it('deletes a user; the hub no longer knows them', async () => {
    const res = await admin(champion, 'DELETE', '/users/it-dan');
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await hubUser('it-dan')).status, 404);
  });

  it('refuses dangerous actions and leaves the hub unchanged', async () => {
    const refused: [string, string, unknown, string][] = [
      ['DELETE', '/users/champion', undefined, 'forbidden'],
      ['DELETE', '/users/champion/server', undefined, 'forbidden'],
      [
        'DELETE',
        '/groups/hub-champions/users',
        { users: ['champion'] },
        'forbidden'
      ],
      [
        'POST',
        '/users',
        { usernames: ['it-eve'], admin: true, confirm: true },
        'admin_protected'
      ]
    ];
    for (const [method, path, body, code] of refused) {
      const res = await admin(champion, method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(((await res.json()) as { code: string }).code, code);
    }
    const roleGroup = await admin(champion, 'DELETE', '/groups/hub-champions');
    assert.equal(roleGroup.status, 409);
    assert.match(
      ((await roleGroup.json()) as { message: string }).message,
      /lock the Hub Champions out/
    );
    assert.equal((await hubUser('champion')).status, 200);
    assert.deepEqual(await hubGroup('hub-champions'), ['champion']);
    assert.equal((await hubUser('it-eve')).status, 404);
  });

  it('refuses deleting, renaming or demoting a real admin, and granting admin', async () => {
    const refused: [string, string, unknown][] = [
      ['DELETE', `/users/${ADMIN}`, undefined],
      ['PATCH', `/users/${ADMIN}`, { name: 'it-usurper' }],
      ['PATCH', `/users/${ADMIN}`, { admin: false }],
      ['PATCH', '/users/it-carol', { admin: true }]
    ];
    for (const [method, path, body] of refused) {
      const res = await admin(champion, method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      const error = (await res.json()) as { code: string; message: string };
      assert.equal(error.code, 'admin_protected');
      assert.match(error.message, /\/hub\/admin/);
    }
    const root = (await (await hub.hubApi(`/users/${ADMIN}`)).json()) as {
      admin: boolean;
    };
    assert.equal(root.admin, true);
    assert.equal((await hubUser('it-usurper')).status, 404);
    const carol = (await (await hub.hubApi('/users/it-carol')).json()) as {
      admin: boolean;
    };
    assert.equal(carol.admin, false);
  });

  it('filters by admin, group and never logged in over the real listing', async () => {
    const names = async (query: string) =>
      (
        (await (await admin(champion, 'GET', `/users?${query}`)).json()) as {
          items: { name: string }[];
        }
      ).items.map(u => u.name);
    assert.deepEqual(await names('admin=true'), [ADMIN]);
    // it-dan joined it-cohort too, but was deleted since.
    assert.deepEqual(await names('group=it-cohort'), ['it-bob']);
    // champion and member logged in (their tokens were used); it-carol never did.
    const never = await names('never_logged_in=true&name_filter=it-carol');
    assert.deepEqual(never, ['it-carol']);
    const all = await admin(champion, 'GET', '/users/names?admin=false');
    const body = (await all.json()) as { names: string[]; total: number };
    assert.ok(body.names.includes('it-carol') && !body.names.includes(ADMIN));
    assert.equal(body.total, body.names.length);
  });

  it("answers filters from its user index in the hub's own order and totals, also after a user is created on the hub", async () => {
    const hubOrder = async (sort: string) => {
      const res = await hub.hubApi(
        `/users?limit=200${sort ? `&sort=${sort}` : ''}`,
        {
          headers: { Accept: 'application/jupyterhub-pagination+json' }
        }
      );
      const page = (await res.json()) as {
        items: { name: string; admin: boolean }[];
        _pagination: { total: number };
      };
      assert.ok(page._pagination.total <= 200);
      return page.items.filter(u => !u.admin).map(u => u.name);
    };
    const compare = async () => {
      for (const sort of [
        '',
        'name',
        '-name',
        'last_activity',
        '-last_activity'
      ]) {
        const res = await admin(
          champion,
          'GET',
          `/users?admin=false&limit=200${sort ? `&sort=${sort}` : ''}`
        );
        const page = (await res.json()) as {
          items: { name: string }[];
          total: number;
        };
        const expected = await hubOrder(sort);
        assert.deepEqual(
          page.items.map(u => u.name),
          expected,
          sort
        );
        assert.equal(page.total, expected.length);
      }
    };
    await compare();
    // Created on the hub, not through the console: the hub's total changes and the index is read again.
    const created = await hub.hubApi('/users', {
      method: 'POST',
      body: JSON.stringify({ usernames: ['it-erin'] })
    });
    assert.equal(created.status, 201);
    await compare();
    const never = await admin(
      champion,
      'GET',
      '/users/names?never_logged_in=true'
    );
    assert.ok(
      ((await never.json()) as { names: string[] }).names.includes('it-erin')
    );
    assert.equal(
      (await hub.hubApi('/users/it-erin', { method: 'DELETE' })).status,
      204
    );
    await compare();
  });

  it("reports the hub's totals from its own metrics", async () => {
    const res = await admin(champion, 'GET', '/totals');
    assert.equal(res.status, 200, await res.clone().text());
    const totals = (await res.json()) as { users: number; source: string };
    const listing = (await (
      await hub.hubApi('/users?limit=1', {
        headers: { Accept: 'application/jupyterhub-pagination+json' }
      })
    ).json()) as { _pagination: { total: number } };
    assert.equal(totals.source, 'metrics');
    assert.equal(totals.users, listing._pagination.total);
  });

  it('restarts a real server and shows its start progress', async () => {
    const start = await admin(champion, 'POST', '/users/it-bob/server');
    assert.equal(start.status, 200, await start.clone().text());
    await until('it-bob progress says ready', async () => {
      const res = await admin(
        champion,
        'GET',
        '/users/it-bob/server/progress/latest'
      );
      const progress = (await res.json()) as { ready?: boolean };
      return res.status === 200 && progress.ready === true;
    });
    const before = (await (await hub.hubApi('/users/it-bob')).json()) as {
      servers: Record<string, { started: string }>;
    };
    const restart = await admin(
      champion,
      'POST',
      '/users/it-bob/server/restart'
    );
    assert.equal(restart.status, 200, await restart.clone().text());
    await until('it-bob restarted and ready', async () => {
      const now = (await (await hub.hubApi('/users/it-bob')).json()) as {
        servers: Record<string, { started: string; ready: boolean }>;
      };
      const server = now.servers[''];
      return (
        server?.ready === true && server.started !== before.servers['']?.started
      );
    });
    const stop = await admin(champion, 'DELETE', '/users/it-bob/server');
    assert.equal(stop.status, 200, await stop.clone().text());
    await until(
      'it-bob stopped',
      async () => !(await hubUser('it-bob')).servers?.['']
    );
  });

  it('saves typed group properties and refuses edits of a group the login system manages', async () => {
    assert.equal(
      (await admin(champion, 'POST', '/groups/it-props')).status,
      200
    );
    const put = await admin(champion, 'PUT', '/groups/it-props/properties', {
      properties: { cpu_limit: 2, image: 'rocker' }
    });
    assert.equal(put.status, 200, await put.clone().text());
    const props = async (name: string) =>
      (
        (await (await hub.hubApi(`/groups/${name}`)).json()) as {
          properties: Record<string, unknown>;
        }
      ).properties;
    assert.deepEqual(await props('it-props'), {
      cpu_limit: 2,
      image: 'rocker'
    });

    // The operator marks a group as managed (as a hub's config would); the console then refuses edits.
    await hub.hubApi('/groups/it-props/properties', {
      method: 'PUT',
      body: JSON.stringify({ 'catalyst.managed': 'GitHub team it-props' })
    });
    for (const [method, path, body] of [
      ['POST', '/groups/it-props/users', { users: ['it-carol'] }],
      ['DELETE', '/groups/it-props', undefined],
      ['PUT', '/groups/it-props/properties', { properties: { a: 1 } }]
    ] as const) {
      const res = await admin(champion, method, path, body);
      assert.equal(res.status, 409, `${method} ${path}`);
    }
    assert.deepEqual(await hubGroup('it-props'), []);
    assert.deepEqual(await props('it-props'), {
      'catalyst.managed': 'GitHub team it-props'
    });
  });

  it('audits every action with the actor, the outcome and the hub answer', async () => {
    const res = await admin(champion, 'GET', '/audit?actor=champion&limit=200');
    const log = (await res.json()) as {
      total: number;
      items: {
        action: string;
        target: string | null;
        outcome: string;
        detail: { status?: number };
      }[];
    };
    const seen = new Set(
      log.items.map(e => `${e.action}:${e.target}:${e.outcome}`)
    );
    for (const expected of [
      'server.start:it-alice:ok',
      'server.stop:it-alice:ok',
      'user.create:it-dan:ok',
      'group.add-members:it-cohort:ok',
      'user.delete:it-dan:ok',
      'group.delete:it-g:ok',
      'user.delete:champion:refused',
      'group.delete:hub-champions:refused'
    ]) {
      assert.ok(seen.has(expected), `${expected} in ${[...seen].join(', ')}`);
    }
    const deleted = log.items.find(
      e => e.action === 'user.delete' && e.outcome === 'ok'
    );
    assert.equal(deleted?.detail.status, 204);
    const csv = (await (
      await admin(champion, 'GET', '/audit/export?action=user.delete')
    ).json()) as { csv: string };
    assert.match(csv.csv, /"user\.delete","it-dan","ok"/);
  });
});
