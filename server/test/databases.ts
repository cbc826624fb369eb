/** Fresh test databases: a PGlite child in a temp dir (a copy of the run's template), and a throwaway database on TEST_DATABASE_URL. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PgliteProcess } from '../src/db/pglite-process.js';
import { copyPgliteTemplate } from './pglite-template.js';

/** The backends every repository and route test runs on. */
export type BackendName = 'pglite' | 'postgres';

/** A database only this test file uses. */
export interface TestDatabase {
  backend: BackendName;
  url: string;
  close(): Promise<void>;
}

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL (or DATABASE_URL) is set. */
export function backends(): BackendName[] {
  return serverUrl ? ['pglite', 'postgres'] : ['pglite'];
}

/** Starts a fresh database of that kind; close() removes it. */
export async function startDatabase(
  backend: BackendName
): Promise<TestDatabase> {
  return backend === 'pglite'
    ? startPglite()
    : createPostgresDatabase(serverUrl as string);
}

async function startPglite(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'catalyst-test-'));
  // Tests connect to it like a server: an app's pool may open 10 connections, and a spec may run two apps
  // and a pool of its own (the service's own embedded pool keeps to 2).
  const pglite = new PgliteProcess({ dataDir: dir, maxConnections: 32 });
  // A copy of the run's freshly initialised cluster: the same start as initdb here, ~10 s sooner.
  await copyPgliteTemplate(pglite.pgdata);
  const url = await pglite.start();
  return {
    backend: 'pglite',
    url,
    async close() {
      await pglite.stop();
      await rm(dir, { recursive: true, force: true });
    }
  };
}

async function createPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `catalyst_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    backend: 'postgres',
    url: url.toString(),
    async close() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      // FORCE (PostgreSQL 13+) ends connections a failed test may have left open.
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    }
  };
}
