// Issue 4: training progress updates (PUT /api/training/progress/...) on PostgreSQL vs bare Fastify in one
// run: the most the service takes, then 1,000 updates/s held for 15 s with its p99; and the training
// panel's code, which JupyterLab loads only when the panel opens (gzipped KB).
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  devToken,
  startBare,
  freshDatabase,
  load,
  PREFIX,
  REPO,
  startService,
  table
} from './lib.mjs';

process.env.CATALYST_REGISTER_HUB ??= '1';
const PG =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const LEARNERS = Number(process.env.BENCH_TRAINING_LEARNERS || 300);
const RATE = Number(process.env.BENCH_TRAINING_RATE || 1000);
const TUTORIAL = 'first-python-notebook';
const VERSION = '2026.11.1';
const STEPS = ['create-notebook', 'run-cell', 'keep-a-value', 'save-notebook', 'execution-count', 'wrap-up'];

/** Gzipped size of the extension's chunks that hold the training panel, in KB. */
async function trainingChunks() {
  const dir = join(REPO, 'jupyterlab_catalyst', 'labextension', 'static');
  const chunks = [];
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.js')) continue;
    const text = await readFile(join(dir, name));
    // A route only the training panel's lazily loaded code calls (the CSS chunk, loaded at start,
    // holds the panel's class names too, so those would not tell).
    if (text.includes('api/training/hub-check')) {
      chunks.push({ name, kb: gzipSync(text).length / 1024 });
    }
  }
  return chunks;
}

const children = [];
const cleanups = [];
try {
  const bare = await startBare();
  children.push(bare.child);
  const db = await freshDatabase(PG);
  cleanups.push(db.drop);
  const svc = await startService({ databaseUrl: db.url });
  children.push(svc.child);

  const tokens = [];
  for (let i = 0; i < LEARNERS; i++) tokens.push(await devToken(svc.base, `learner-${i}`));
  let n = 0;
  /** Each request: another learner, one of the steps, a fresh Idempotency-Key, the client's time. */
  const progress = {
    url: svc.base,
    requests: [
      {
        method: 'PUT',
        setupRequest: req => {
          n++;
          const step = STEPS[n % STEPS.length];
          return {
            ...req,
            path: `${PREFIX}/api/training/progress/${TUTORIAL}/${VERSION}/${step}`,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
              'idempotency-key': randomUUID()
            },
            body: JSON.stringify({
              status: n % 3 === 0 ? 'failed' : 'passed',
              attempts: 1 + (n % 4),
              hintsUsed: n % 2,
              clientTime: new Date().toISOString()
            })
          };
        }
      }
    ]
  };

  const rows = [];
  const run = async (name, opts) => {
    await load({ ...opts, duration: 2 }); // warm-up
    rows.push({ name, ...(await load(opts)) });
    console.error(`done: ${name}`);
  };
  await run('bare Fastify GET /hello', { url: bare.url });
  await run('PUT progress, as fast as it goes (PostgreSQL)', progress);
  await run(`PUT progress at ${RATE}/s for 15 s (PostgreSQL)`, {
    ...progress,
    connections: 20,
    overallRate: RATE,
    duration: 15
  });

  const chunks = await trainingChunks();
  const kb = chunks.reduce((sum, c) => sum + c.kb, 0);

  console.log(`\n50 connections for 8 s (the paced run: 20), after a 2 s warm-up, ${LEARNERS} learners, ${new Date().toISOString()}\n`);
  console.log(table(rows));
  const [, max, paced] = rows;
  console.log(
    `\nProgress updates/s as a share of bare Fastify: ${((max.rps / rows[0].rps) * 100).toFixed(1)}%; ` +
      `held ${paced.rps}/s of ${RATE}/s asked with p99 ${paced.p99} ms and ${paced.errors} errors (goal: ${RATE}/s, p99 < 50 ms)`
  );
  console.log(
    `Training panel code, loaded when the panel first opens: ${kb.toFixed(1)} KB gzipped in ${chunks.length} chunk(s) (${chunks
      .map(c => `${c.name} ${c.kb.toFixed(1)} KB`)
      .join(', ')})`
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise(r => setTimeout(r, 500));
  for (const f of cleanups) await f().catch(() => {});
}
