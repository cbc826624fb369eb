// Issue 2 §8: bare Fastify vs GET /api/me vs a one-row read (GET /api/hub), on PostgreSQL and PGlite, one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devToken, freshDatabase, sideBySide, startBare, startService, table } from './lib.mjs';

const PG = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const children = [];
const cleanups = [];
try {
  const bare = await startBare();
  children.push(bare.child);

  const db = await freshDatabase(PG);
  cleanups.push(db.drop);
  const onPg = await startService({ databaseUrl: db.url });
  children.push(onPg.child);
  const dataDir = mkdtempSync(join(tmpdir(), 'catalyst-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const onLite = await startService({ dataDir });
  children.push(onLite.child);

  const pgToken = await devToken(onPg.base);
  const liteToken = await devToken(onLite.base);
  const get = (name, url, token) => ({
    name,
    opts: { url, headers: token ? { authorization: `Bearer ${token}` } : {} },
    exact: Boolean(token)
  });
  const rows = await sideBySide([
    get('bare Fastify GET /hello', bare.url),
    get('GET /api/me (PostgreSQL)', `${onPg.base}/api/me`, pgToken),
    get('GET /api/hub, one-row read (PostgreSQL)', `${onPg.base}/api/hub`, pgToken),
    get('GET /api/me (PGlite)', `${onLite.base}/api/me`, liteToken),
    get('GET /api/hub, one-row read (PGlite)', `${onLite.base}/api/hub`, liteToken)
  ]);

  console.log(`\n50 connections; after a 2 s warm-up each, 4 rounds of 2 s per target in turn; ${new Date().toISOString()}\n`);
  console.log(table(rows));
  const liteVsPg = rows[4].rps / rows[2].rps;
  console.log(`\nEmbedded default (PGlite) one-row read as a share of PostgreSQL's: ${(liteVsPg * 100).toFixed(1)}%`);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise(r => setTimeout(r, 500));
  for (const f of cleanups) await f().catch(() => {});
}
