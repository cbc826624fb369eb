/**
 * The federation against real parts: two JupyterHubs, each with its own service instance, on one
 * PostgreSQL database. A Hub Champion (and the Core Team) of hub A tries every route of the OpenAPI
 * document against hub B's users, progress and feedback: B's ids in paths, bodies and queries on
 * A's instance, and A's tokens replayed to B's instance. Nothing of B may change or leak.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startLocalHub, type LocalHub } from './local-hub.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const B_USER = 'bea-b';
const B_MARKER = `b-private-${randomBytes(4).toString('hex')}`;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Operation {
  method: Method;
  template: string;
  body?: Schema;
}
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  format?: string;
  minimum?: number;
  minLength?: number;
  pattern?: string;
}

/** A fresh database the two hubs share. */
async function sharedDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `catalyst_fed_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl as string);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
  };
}

/** Hub B's rows in every table that has a hub_id, and every row of the tables that have none. */
async function snapshotOfB(url: string): Promise<Record<string, unknown[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ table_name: string; has_hub: boolean }>(
        `select t.table_name,
                exists (select 1 from information_schema.columns c
                        where c.table_name = t.table_name and c.column_name = 'hub_id') as has_hub
           from information_schema.tables t
          where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and t.table_name not like 'kysely_%' and t.table_name <> 'audit_log'
          order by 1`
      )
    ).rows;
    const snapshot: Record<string, unknown[]> = {};
    for (const { table_name: table, has_hub: hasHub } of tables) {
      const where = hasHub ? `where hub_id = 'fed-b'` : '';
      const rows = (await client.query(`select * from ${table} ${where}`)).rows;
      snapshot[table] = rows.map(row => JSON.stringify(row)).sort();
    }
    // Hub A's audit entries are hub A's business; B's must not move.
    snapshot.audit_log = (
      await client.query(
        `select * from audit_log where hub_id = 'fed-b' order by id`
      )
    ).rows;
    return snapshot;
  } finally {
    await client.end();
  }
}

/** Hub B's own state as JupyterHub keeps it: users, their groups and servers; and its groups. */
async function hubState(hub: LocalHub): Promise<unknown> {
  const users = (await (await hub.hubApi('/users')).json()) as {
    name: string;
    admin: boolean;
    groups: string[];
    servers?: Record<string, unknown>;
  }[];
  const groups = (await (await hub.hubApi('/groups')).json()) as {
    name: string;
    users: string[];
  }[];
  return {
    users: users
      .map(u => ({
        name: u.name,
        admin: u.admin,
        groups: [...u.groups].sort(),
        servers: Object.keys(u.servers ?? {})
      }))
      .sort((x, y) => x.name.localeCompare(y.name)),
    groups: groups
      .map(g => ({ name: g.name, users: [...g.users].sort() }))
      .sort((x, y) => x.name.localeCompare(y.name))
  };
}

/** Every operation of the service's OpenAPI document that needs a session. */
async function operations(serviceUrl: string): Promise<Operation[]> {
  const doc = (await (await fetch(`${serviceUrl}openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          security?: unknown[];
          requestBody?: { content?: Record<string, { schema?: Schema }> };
        }
      >
    >;
  };
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      // The session exchange takes a hub token, not a session: tested on its own below.
      if (!op.security?.length || template.endsWith('/api/session')) continue;
      ops.push({
        method: method.toUpperCase() as Method,
        template,
        body: op.requestBody?.content?.['application/json']?.schema
      });
    }
  }
  return ops;
}

/** A value aimed at hub B for a field or parameter of this name. */
function bValue(name: string, ids: { item: string }): string {
  if (/hub/i.test(name)) return 'fed-b';
  if (/slug|community/i.test(name)) return 'community-b';
  if (/^(name|user|username|person)$/i.test(name)) return B_USER;
  if (/^(id|itemId)$/.test(name)) return ids.item;
  return name;
}

/** A body for the schema whose every identifier points at hub B. */
function bBody(
  schema: Schema | undefined,
  ids: { item: string },
  name = ''
): unknown {
  if (!schema) return undefined;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return bBody(schema.anyOf[0], ids, name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        out[key] = bBody(sub, ids, key);
      }
      return out;
    }
    case 'array':
      return [bBody(schema.items, ids, name.replace(/s$/, ''))];
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    default:
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return '2026-01-01';
      return bValue(name, ids).padEnd(schema.minLength ?? 0, '-');
  }
}

describe(
  'the federation: two real hubs on one PostgreSQL',
  { skip: !serverUrl && 'needs the PostgreSQL server (TEST_DATABASE_URL)' },
  () => {
    let database: Awaited<ReturnType<typeof sharedDatabase>>;
    let a: LocalHub;
    let b: LocalHub;
    const sessions: Record<string, string> = {};
    let bItem = '';

    const session = async (hub: LocalHub, user: string): Promise<string> => {
      const res = await fetch(`${hub.serviceUrl}api/session`, {
        method: 'POST',
        headers: {
          Authorization: `token ${await hub.userToken(user)}`,
          'Content-Type': 'application/json'
        },
        body: '{}'
      });
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { token: string }).token;
    };
    const call = (
      hub: LocalHub,
      jwt: string,
      method: Method,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {}
    ) =>
      fetch(`${hub.serviceUrl}${path.replace(/^\//, '')}`, {
        method,
        headers: {
          Authorization: `Bearer ${jwt}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers
        },
        body: body === undefined ? undefined : JSON.stringify(body)
      });

    before(async () => {
      database = await sharedDatabase();
      const common = { CATALYST_DEMO_SEED: '0', CATALYST_REGISTER_HUB: '1' };
      // Both at once: each service answers its hub's liveness probe while it migrates, and the
      // registration of two hubs on one database at the same time is itself something users do.
      [a, b] = await Promise.all([
        startLocalHub({
          databaseUrl: database.url,
          hubId: 'fed-a',
          env: { ...common, CATALYST_HUB_COMMUNITY: 'community-a' }
        }),
        startLocalHub({
          databaseUrl: database.url,
          hubId: 'fed-b',
          env: {
            ...common,
            CATALYST_HUB_COMMUNITY: 'community-b',
            CATALYST_HUB_LANGUAGES: 'es,pt',
            CATALYST_EXTRA_USERS: B_USER
          }
        })
      ]);
      for (const [key, hub, user] of [
        ['a-champion', a, 'champion'],
        ['a-core', a, 'coreteam'],
        ['a-member', a, 'member'],
        ['b-user', b, B_USER],
        ['b-core', b, 'coreteam']
      ] as const) {
        sessions[key] = await session(hub, user);
      }
      // Hub B's data: progress and feedback of its user.
      const tutorial = (await (
        await call(
          b,
          sessions['b-user'] as string,
          'GET',
          'api/training/tutorials/first-python-notebook'
        )
      ).json()) as {
        version: string;
        steps: { id: string }[];
      };
      const saved = await call(
        b,
        sessions['b-user'] as string,
        'PUT',
        `api/training/progress/first-python-notebook/${tutorial.version}/${tutorial.steps[0]?.id}`,
        {
          status: 'passed',
          attempts: 1,
          hintsUsed: 0,
          clientTime: new Date().toISOString()
        },
        { 'Idempotency-Key': randomUUID() }
      );
      assert.equal(saved.status, 200, await saved.clone().text());
      const sent = await call(
        b,
        sessions['b-user'] as string,
        'POST',
        'api/feedback/items',
        {
          title: `${B_MARKER} title`,
          body: `${B_MARKER} body`,
          lang: 'es',
          topic: 'training'
        },
        { 'Idempotency-Key': randomUUID() }
      );
      assert.equal(sent.status, 201, await sent.clone().text());
      bItem = ((await sent.json()) as { item: { id: string } }).item.id;
    });

    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await database?.drop();
    });

    it('registers both hubs with their communities and languages', async () => {
      const res = await call(
        a,
        sessions['a-core'] as string,
        'GET',
        'api/federation/hubs'
      );
      const hubs = (
        (await res.json()) as {
          hubs: {
            id: string;
            community: { id: string } | null;
            languages: string[];
            learners: number;
            feedbackItems: number;
          }[];
        }
      ).hubs;
      assert.deepEqual(
        hubs.map(h => [
          h.id,
          h.community?.id,
          h.languages.join(','),
          h.learners,
          h.feedbackItems
        ]),
        [
          ['fed-a', 'community-a', 'en,es', 0, 0],
          ['fed-b', 'community-b', 'es,pt', 1, 1]
        ]
      );
    });

    it("a champion of hub A reaches nothing of hub B on any route: B's ids in paths, bodies and queries, A's tokens replayed to B", async () => {
      const ops = await operations(a.serviceUrl);
      assert.ok(
        ops.length >= 40,
        `the OpenAPI document lists ${ops.length} session routes`
      );
      const rowsBefore = await snapshotOfB(database.url);
      const hubBefore = await hubState(b);
      const ids = { item: bItem };
      const failures: string[] = [];
      const seen = new Map<number, number>();
      for (const op of ops) {
        const path = op.template.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(bValue(name, ids))
        );
        const query =
          op.method === 'GET' ? `?hub=fed-b&hubId=fed-b&user=${B_USER}` : '';
        const body = bBody(op.body, ids);
        const idempotency = { 'Idempotency-Key': randomUUID() };
        const namesB = /\{(slug|hubId|name|user|id)\}/.test(op.template);
        for (const [label, target, jwt, url] of [
          ['crafted on A', a, sessions['a-champion'], path],
          ['crafted on A, query', a, sessions['a-champion'], path + query],
          ['A champion replayed to B', b, sessions['a-champion'], path],
          ['A core team replayed to B', b, sessions['a-core'], path]
        ] as const) {
          const res = await call(
            target,
            jwt as string,
            op.method,
            url.replace(/^\/services\/catalyst\//, ''),
            body,
            idempotency
          );
          const text = await res.text();
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          const where = `${label}: ${op.method} ${op.template} → ${res.status}`;
          if (res.status >= 500)
            failures.push(`${where} (server error) ${text.slice(0, 200)}`);
          if (text.includes(B_MARKER))
            failures.push(`${where} leaks hub B's feedback`);
          // User names are per hub (A may make its own "bea-b"); B's hub id never belongs in A's answers.
          if (res.ok && target === a && text.includes('fed-b'))
            failures.push(`${where} answers with hub B's data`);
          if (target === b && res.status !== 401)
            failures.push(
              `${where}: another hub's session must be refused (401)`
            );
          if (target === a && namesB && ![400, 403, 404].includes(res.status))
            failures.push(`${where}: B's id in the path must be refused`);
        }
      }
      assert.deepEqual(failures, []);
      assert.deepEqual(
        await snapshotOfB(database.url),
        rowsBefore,
        "hub B's rows changed"
      );
      assert.deepEqual(
        await hubState(b),
        hubBefore,
        "hub B's JupyterHub changed"
      );
      console.log(
        `  ${ops.length} routes × 4 attempts; statuses: ${JSON.stringify(Object.fromEntries(seen))}`
      );
    });

    it("a real hub token of hub A is refused by hub B's instance", async () => {
      const res = await fetch(`${b.serviceUrl}api/session`, {
        method: 'POST',
        headers: {
          Authorization: `token ${await a.userToken('champion')}`,
          'Content-Type': 'application/json'
        },
        body: '{}'
      });
      assert.equal(res.status, 401);
    });

    it("a champion of hub A sees only hub A's cohort and feedback", async () => {
      const cohort = (await (
        await call(
          a,
          sessions['a-champion'] as string,
          'GET',
          'api/training/cohort'
        )
      ).json()) as { hub: string; progress: { user: string }[] };
      assert.equal(cohort.hub, 'fed-a');
      assert.ok(!cohort.progress.some(p => p.user === B_USER));
      const item = await call(
        a,
        sessions['a-champion'] as string,
        'GET',
        `api/feedback/items/${bItem}`
      );
      assert.equal(item.status, 404);
    });

    it('the Core Team sees both hubs: progress, learners and feedback triage, with a hub filter', async () => {
      for (const core of [sessions['a-core'], sessions['b-core']] as string[]) {
        const hub = core === sessions['a-core'] ? a : b;
        const progress = (await (
          await call(hub, core, 'GET', 'api/federation/progress?hub=fed-b')
        ).json()) as { progress: { hub: string; stepsPassed: number }[] };
        assert.deepEqual(
          progress.progress.map(p => [p.hub, p.stepsPassed]),
          [['fed-b', 1]]
        );
        const learners = (await (
          await call(hub, core, 'GET', 'api/federation/progress/learners')
        ).json()) as { learners: { hub: string; user: string }[] };
        assert.deepEqual(
          learners.learners.map(l => `${l.hub}/${l.user}`),
          [`fed-b/${B_USER}`]
        );
        const triage = await call(
          hub,
          core,
          'GET',
          `api/feedback/triage/items/${bItem}`
        );
        assert.equal(triage.status, 200, await triage.clone().text());
        assert.ok((await triage.text()).includes(B_MARKER));
      }
    });
  }
);
