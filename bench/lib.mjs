// Shared bench plumbing: free ports, child services, autocannon runs and a results table.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const autocannon = require('autocannon');
export const pg = require('pg');

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DEV_SECRET = 'bench-dev-secret-0123456789';
export const PREFIX = '/services/catalyst';

/** A loopback port nobody listens on. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Poll a URL until it answers 200. */
export async function waitFor(url, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** Start a child process and resolve once `readyUrl` answers. */
export async function startProcess(args, env, readyUrl) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(readyUrl);
  return child;
}

/** Bare Fastify answering GET /hello: the yardstick every ratio divides by. */
export async function startBare() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/hello`;
  const child = await startProcess([new URL('./bare-fastify.mjs', import.meta.url).pathname], { PORT: String(port) }, url);
  return { child, url };
}

/** The built service in development mode (no hub) on `databaseUrl`, or on PGlite in `dataDir`. */
export async function startService({ databaseUrl, dataDir, hubId = 'bench' }) {
  const port = await freePort();
  const env = {
    CATALYST_DEV_MODE: '1',
    CATALYST_DEV_SECRET: DEV_SECRET,
    CATALYST_HOST: '127.0.0.1',
    CATALYST_PORT: String(port),
    CATALYST_HUB_ID: hubId,
    // A fresh bench database: the instance registers its own hub, as `make demo` does.
    CATALYST_REGISTER_HUB: '1',
    CATALYST_LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl ?? '',
    CATALYST_DATA_DIR: dataDir ?? ''
  };
  const base = `http://127.0.0.1:${port}${PREFIX}`;
  // BENCH_CPU_PROF=<dir>: each service writes a V8 CPU profile there when it stops (open in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = await startProcess([...profile, `${REPO}server/dist/server.js`], env, `${base}/ready`);
  return { child, base, port };
}

/** A session JWT for `user` from a development-mode service. */
export async function devToken(base, user = 'bench-user', extra = {}) {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { authorization: `token ${DEV_SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user, ...extra })
  });
  if (res.status !== 200) throw new Error(`session: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

/** A fresh PostgreSQL database on the server at `base`; returns its URL and a drop function. */
export async function freshDatabase(base) {
  const name = `catalyst_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const d = new pg.Client({ connectionString: base });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    }
  };
}

/**
 * One autocannon run; answers req/s (mean), p50, p99 and the non-2xx count. With `latencies` (an array),
 * every response time is also pushed there, so several runs can be summed into exact percentiles.
 */
export function load({ latencies, ...opts }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: 50, duration: 8, ...opts }, (err, r) => {
      if (err) return reject(err);
      resolve({
        rps: Math.round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.non2xx + r.errors + r.timeouts
      });
    });
    if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

/** The q-quantile (0–1) of numbers, by the nearest rank. */
function quantile(values, q) {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Loads each target in turn, round after round, after a 2 s warm-up of each: every target sees the same
 * stretch of the machine's time, so a VM that speeds up or slows down mid-run moves all of them alike.
 * Answers one row per target: mean req/s over its rounds and all errors; p50 and p99 over every response
 * of every round for targets marked `exact` (recording each response costs the load generator a little,
 * so the yardstick is not marked), else the median round's p50 and the worst round's p99.
 */
export async function sideBySide(targets, { rounds = 4, seconds = 2 } = {}) {
  const runs = targets.map(() => []);
  const latencies = targets.map(t => (t.exact ? [] : undefined));
  for (const t of targets) await load({ ...t.opts, duration: 2 });
  for (let r = 0; r < rounds; r++) {
    for (const [i, t] of targets.entries()) {
      runs[i].push(await load({ ...t.opts, duration: seconds, latencies: latencies[i] }));
    }
  }
  const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return targets.map((t, i) => ({
    name: t.name,
    rps: Math.round(runs[i].reduce((sum, run) => sum + run.rps, 0) / rounds),
    p50: latencies[i] ? Math.round(quantile(latencies[i], 0.5)) : median(runs[i].map(run => run.p50)),
    p99: latencies[i] ? Math.round(quantile(latencies[i], 0.99)) : Math.max(...runs[i].map(run => run.p99)),
    errors: runs[i].reduce((sum, run) => sum + run.errors, 0)
  }));
}

/** A markdown table of results with each row's ratio to the first. */
export function table(rows) {
  const base = rows[0].rps;
  const lines = ['| target | req/s | p50 ms | p99 ms | errors | ratio to bare |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / base * 100).toFixed(1)}% |`);
  }
  return lines.join('\n');
}
