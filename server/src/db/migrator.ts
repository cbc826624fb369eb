/** Runs the date-prefixed migrations under server/migrations with Kysely's Migrator. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FileMigrationProvider,
  Migrator,
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

/** Brings the schema to the newest migration; throws if one fails. */
export async function migrateToLatest<T>(
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
