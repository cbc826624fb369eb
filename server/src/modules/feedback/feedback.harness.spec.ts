// Shared set-up of the feedback route specs (named .spec.ts so the build leaves it out; it holds no tests).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/build-app.js';
import type { Role } from '../../plugins/auth.js';

export const PREFIX = '/services/catalyst';
export const API = `${PREFIX}/api/feedback`;

/** Builds and readies an app for `hubId` on `url`. */
export async function feedbackApp(
  url: string,
  hubId: string
): Promise<TestApp> {
  const t = await buildTestApp({
    DATABASE_URL: url,
    JUPYTERHUB_API_URL: 'http://127.0.0.1:9/hub/api',
    CATALYST_HUB_ID: hubId,
    CATALYST_HUB_NAME: hubId
  });
  await t.app.ready();
  return t;
}

/** A session token. */
export function jwt(
  t: TestApp,
  user: string,
  roles: Role[] = ['member']
): string {
  return t.app.jwt.sign({ sub: user, roles, hub: t.config.hubId, lang: 'en' });
}

/** One request as `user`. */
export function call(
  t: TestApp,
  user: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  payload?: unknown,
  options: { roles?: Role[]; headers?: Record<string, string> } = {}
) {
  return t.app.inject({
    method,
    url: `${API}/${path}`,
    headers: {
      authorization: `Bearer ${jwt(t, user, options.roles)}`,
      ...options.headers
    },
    ...(payload !== undefined ? { payload: payload as object } : {})
  });
}

/** As the Core Team. */
export function core(
  t: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  payload?: unknown
) {
  return call(t, 'cora-core', method, path, payload, {
    roles: ['member', 'core-team']
  });
}

/** A valid submission body. */
export function submission(extra: Record<string, unknown> = {}) {
  return {
    title: 'More GPU hours for the course',
    body: 'Our students run out of GPU time in the last week of the course.',
    lang: 'en',
    topic: 'hub-service',
    ...extra
  };
}

/** Submits as `user` with a fresh Idempotency-Key (or the one given). */
export function submit(
  t: TestApp,
  user: string,
  extra: Record<string, unknown> = {},
  key: string = randomUUID()
) {
  return call(t, user, 'POST', 'items', submission(extra), {
    headers: { 'idempotency-key': key }
  });
}

/** Every row of every table of the schema, as JSON text. */
export async function dumpDatabase(t: TestApp): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
    t.app.db
  );
  const dump: Record<string, unknown[]> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(table_name)}`.execute(
      t.app.db
    );
    dump[table_name] = rows.rows;
  }
  return JSON.stringify(dump);
}
