/**
 * Hot queries compiled once and, on PostgreSQL, run as named prepared statements.
 *
 * A one-row read spends most of its time outside the database: Kysely builds and compiles the
 * query on every call, and PostgreSQL parses and plans it again each time. `precompile` does the
 * first once per process; `usePreparedStatements` makes the second once per connection.
 */
import { createHash } from 'node:crypto';
import type {
  Compilable,
  CompiledQuery,
  Kysely,
  QueryResult,
  RawBuilder
} from 'kysely';
import type pg from 'pg';

/** SQL text → statement name, for every query `precompile` made. */
const statementNames = new Map<string, string>();

/** The statement name for this SQL, if it was precompiled. */
export function statementNameFor(sql: string): string | undefined {
  return statementNames.get(sql);
}

/** Gives this SQL text a statement name (once): connections of pools using prepared statements prepare it. */
function nameStatement(text: string): void {
  if (!statementNames.has(text)) {
    const hash = createHash('sha1').update(text).digest('hex').slice(0, 16);
    statementNames.set(text, `catalyst_${hash}`);
  }
}

/**
 * Runs a hot raw statement as a named prepared statement, so PostgreSQL plans it once per connection.
 *
 * Only for statements whose text never varies with their arguments (values go in as parameters):
 * each distinct text is prepared on every connection and kept for its life.
 */
export function executeNamed<DB, Row>(
  query: RawBuilder<Row>,
  db: Kysely<DB>
): Promise<QueryResult<Row>> {
  const compiled = query.compile(db);
  nameStatement(compiled.sql);
  return db.executeQuery(compiled);
}

/**
 * A query built once from sample arguments; calling it substitutes the real ones.
 *
 * Each argument must reach the SQL as one bound parameter (a `where x = arg`), which the
 * compiled query is checked for at definition time, so a query whose shape depends on its
 * arguments (an `in (...)` list, an optional filter) fails loudly instead of running wrong.
 */
export function precompile<DB, Args extends string[], Row>(
  db: Kysely<DB>,
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
  arity: Args['length']
): (...args: Args) => Promise<Row[]> {
  const samples = Array.from(
    { length: arity },
    (_, i) => `\u0000precompile-argument-${i}`
  ) as Args;
  const compiled = build(db, ...samples).compile();
  const slots = compiled.parameters.map(p => samples.indexOf(p as string));
  for (let i = 0; i < arity; i++) {
    if (slots.filter(s => s === i).length !== 1)
      throw new Error(
        `precompile: argument ${i} must appear exactly once as a parameter in: ${compiled.sql}`
      );
  }
  nameStatement(compiled.sql);
  return async (...args: Args) => {
    const query: CompiledQuery<Row> = {
      ...compiled,
      parameters: slots.map((s, i) =>
        s >= 0 ? args[s] : compiled.parameters[i]
      )
    };
    return (await db.executeQuery(query)).rows;
  };
}

/**
 * Runs precompiled SQL as named statements on this pool's connections.
 *
 * On a real PostgreSQL server, or on the embedded PGlite when the pool's `onConnect` is
 * `claimStatementSlot`: PGlite serves all connections from one session, where two connections
 * preparing the same name would collide, so each takes its own name suffix there. A pooler that
 * does not keep sessions (PgBouncer in transaction mode before 1.21) cannot hold them either: the
 * `CATALYST_DB_PREPARED_STATEMENTS=0` setting turns this off.
 */
export function usePreparedStatements(pool: pg.Pool): void {
  pool.on('connect', client => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const name =
        typeof text === 'string' ? statementNames.get(text) : undefined;
      return name && args.length === 2
        ? query({ name: name + (slotSuffixes.get(client) ?? ''), text, values })
        : query(...args);
    };
  });
}

/**
 * Drops the statements a previous connection prepared in this session. The embedded PGlite keeps
 * one session for every connection, so a new pg client (which prepares from none) would otherwise
 * collide with the names its predecessor left behind.
 */
export async function forgetPreparedStatements(
  client: pg.ClientBase
): Promise<void> {
  await client.query('deallocate all');
}

/** Name suffix of each connection that shares its session (the embedded PGlite): `_c<slot>`. */
const slotSuffixes = new WeakMap<pg.ClientBase, string>();
/** Slots held by live connections in this process. */
const heldSlots = new Set<number>();

/**
 * Gives a new connection to a shared session (the embedded PGlite serves every connection from
 * one) its own statement names, so several connections can prepare the same query: the lowest
 * slot no live connection holds, after dropping what an earlier holder of that slot prepared.
 * Pass it as the pool's `onConnect`.
 */
export async function claimStatementSlot(client: pg.ClientBase): Promise<void> {
  let slot = 0;
  while (heldSlots.has(slot)) slot++;
  heldSlots.add(slot);
  // Once per claim: the socket's later 'end' must not free the slot a newer connection took meanwhile.
  let held = true;
  const release = () => {
    if (held) heldSlots.delete(slot);
    held = false;
  };
  // Freed when the connection starts to close: a pool's end() resolves before its sockets' 'end'
  // events, and a pool opened right after would otherwise take new slots and leave the old names.
  const connection = client as pg.Client;
  const end = connection.end.bind(connection) as (
    ...args: unknown[]
  ) => unknown;
  (connection as { end: unknown }).end = (...args: unknown[]) => {
    release();
    return end(...args);
  };
  connection.once('end', release);
  const suffix = `_c${slot}`;
  slotSuffixes.set(client, suffix);
  const { rows } = await client.query<{ name: string }>(
    "select name from pg_prepared_statements where name like 'catalyst\\_%' and right(name, $1) = $2",
    [suffix.length, suffix]
  );
  for (const { name } of rows) await client.query(`deallocate "${name}"`);
}
