/** Runs the date-prefixed migrations under server/migrations with Kysely's Migrator, one instance at a time. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FileMigrationProvider,
  Migrator,
  sql,
  type Kysely,
  type MigrationResult
} from 'kysely';
import type { Logger } from '../logger.js';

// tsc emits the migrations into dist/migrations, beside dist/db; tsx reads server/migrations directly.
const migrationFolder = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? '../../migrations/' : '../migrations/',
    import.meta.url
  )
);

/** The session-level advisory lock every instance takes around migrations (any fixed bigint). */
export const MIGRATION_LOCK_KEY = 7263451902;

/**
 * Brings the schema to the newest migration; throws if one fails.
 *
 * Replicas and hubs of a federation start at the same time against one database: each takes a
 * PostgreSQL advisory lock on one connection first, so exactly one runs the migrations and the
 * others wait, then find nothing left to do. (Kysely's own lock is taken only after it creates its
 * bookkeeping tables, and two concurrent `create table if not exists` can still collide.)
 */
export async function migrateToLatest<T>(
  db: Kysely<T>,
  log: Logger
): Promise<MigrationResult[]> {
  return db.connection().execute(async conn => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${MIGRATION_LOCK_KEY}) as locked`.execute(
      conn
    );
    if (!rows[0]?.locked) {
      log.info('waiting for another instance to finish the migrations');
      await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
    try {
      return await migrate(conn, log);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`
        .execute(conn)
        .catch(() => undefined); // a lost connection has released it already
    }
  });
}

async function migrate<T>(
  db: Kysely<T>,
  log: Logger
): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder })
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  for (const result of results) {
    const entry = { migration: result.migrationName, status: result.status };
    if (result.status === 'Error') log.error(entry, 'migration failed');
    else log.info(entry, 'migration applied');
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results;
}
