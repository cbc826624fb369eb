/** The pg Pool and the Kysely instance over it: one driver for PGlite and PostgreSQL. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { Logger } from '../logger.js';

/** How big the pool is and how long a request waits for a connection. */
export interface PoolOptions {
  max: number;
  connectionTimeoutMillis?: number;
  /** Runs on each new connection before its first query. */
  onConnect?: (client: pg.ClientBase) => Promise<void>;
}

/** A pool that survives the database going away: idle clients' errors are logged, not thrown. */
export function createPool(
  connectionString: string,
  options: PoolOptions,
  log: Logger
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max,
    // Fail fast while the database is down, so requests get a 503 instead of hanging.
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 3000,
    idleTimeoutMillis: 30000,
    // pg-pool awaits the promise before handing the connection out; its types say void.
    onConnect: options.onConnect as
      ((client: pg.ClientBase) => void) | undefined
  });
  // Without this listener a database restart emits an unhandled 'error' and kills the process.
  pool.on('error', error => {
    log.warn({ err: error }, 'idle database connection lost');
  });
  // pg-pool listens only to idle clients: a connection dropped while checked out (a query in
  // flight as the database stops) would emit an unhandled 'error' too. The query itself still
  // fails, and the pool discards the dead client when it is released.
  pool.on('connect', client => {
    client.on('error', error => {
      log.debug({ err: error }, 'database connection lost during a query');
    });
  });
  return pool;
}

/** Typed queries over the pool. */
export function createKysely(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
