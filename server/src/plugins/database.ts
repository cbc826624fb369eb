/** The database: PostgreSQL from DATABASE_URL, else an embedded PGlite child; migrated at start. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { PgliteProcess } from '../db/pglite-process.js';
import { createKysely, createPool } from '../db/pool.js';
import { claimStatementSlot, usePreparedStatements } from '../db/prepared.js';

/** Which store backs the service. */
export type Store = 'pglite' | 'postgres';

/** Facts about the store and a health probe. */
export interface DatabaseInfo {
  store: Store;
  /** The pg pool under `db`, for its counts (the metrics read them). */
  pool: pg.Pool;
  /** True when `select 1` answers within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    database: DatabaseInfo;
  }
}

async function databasePlugin(
  app: FastifyInstance,
  { config }: { config: Config }
): Promise<void> {
  const pglite = config.databaseUrl
    ? null
    : new PgliteProcess({ dataDir: config.dataDir, log: app.log });
  const store: Store = pglite ? 'pglite' : 'postgres';
  const url = pglite ? await pglite.start() : (config.databaseUrl as string);
  // PGlite runs one query at a time, from one session for all connections. Two connections still
  // pay: the child runs one while the service handles the other's answer (one connection left it
  // idle between queries). Each connection gets its own statement names in the shared session.
  const max = config.dbPoolMax ?? (pglite ? 2 : 10);
  const prepared = config.dbPreparedStatements;
  const pool = createPool(
    url,
    {
      max,
      // PGlite's session outlives a dropped connection, with the statements it prepared.
      onConnect: pglite && prepared ? claimStatementSlot : undefined
    },
    app.log
  );
  if (prepared) usePreparedStatements(pool);
  const db = createKysely(pool);
  const close = async (): Promise<void> => {
    await db.destroy();
    await pglite?.stop();
  };

  try {
    await migrateToLatest(db, app.log);
  } catch (error) {
    await close();
    throw error;
  }
  if (pglite) {
    app.log.info(
      { store, pgdata: pglite.pgdata },
      'database: embedded PGlite (fsync off: fine for a laptop or small hub; use DATABASE_URL in production)'
    );
  } else {
    const target = new URL(url);
    app.log.info(
      { store, host: target.host, database: target.pathname.slice(1) },
      'database: PostgreSQL'
    );
  }

  app.decorate('db', db);
  app.decorate('database', {
    store,
    pool,
    async ping(timeoutMs = 1500) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>(resolve => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const probe = sql`select 1`.execute(db).then(
        () => true,
        () => false
      );
      try {
        return await Promise.race([probe, timeout]);
      } finally {
        clearTimeout(timer);
      }
    }
  });
  app.addHook('onClose', close);
}

export default fp(databasePlugin, { name: 'database', fastify: '5.x' });
