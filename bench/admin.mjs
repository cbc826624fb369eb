// Admin console on a real JupyterHub with 10,000 users (issue 3): the first page through the service vs the
// hub's own paged /users call, alternating in one run; then a bulk stop of 100 running servers the way the
// console runs it (4 at a time), with the time to the first result and to the last.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, freshDatabase, REPO, waitFor } from './lib.mjs';

const USERS = Number(process.env.BENCH_ADMIN_USERS ?? 10000);
const SERVERS = Number(process.env.BENCH_ADMIN_SERVERS ?? 100);
const ROUNDS = Number(process.env.BENCH_ADMIN_ROUNDS ?? 25);
const PAGE = 50;
const CONCURRENCY = 4; // the console's bulk concurrency (src/admin/model.ts)

/** A single-user stand-in: answers 200 on its URL, so the hub sees a running server at ~10 MB each. */
const FAKE_SERVER = `#!/usr/bin/env python3
import os, http.server, urllib.parse
u = urllib.parse.urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass
http.server.HTTPServer((u.hostname, u.port), H).serve_forever()
`;

/** Prints rows of objects as a markdown table (the keys of the first row are the columns). */
function table(rows) {
  const keys = Object.keys(rows[0]);
  console.log(`| ${keys.join(' | ')} |`);
  console.log(`|${keys.map((_, i) => (i ? '---:' : '---')).join('|')}|`);
  for (const row of rows) console.log(`| ${keys.map(k => row[k]).join(' | ')} |`);
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

async function timed(work) {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Run `work` over `items`, `limit` at a time. */
async function pool(items, limit, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    })
  );
}

async function main() {
  const state = await mkdtemp(join(tmpdir(), 'catalyst-bench-admin-'));
  const fake = join(state, 'fake-singleuser');
  await writeFile(fake, FAKE_SERVER);
  await chmod(fake, 0o755);
  const [hubPort, apiPort, proxyPort, servicePort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const testToken = randomBytes(24).toString('hex');
  // PostgreSQL when available: the embedded database's start can outlast the hub's wait for its services.
  const db = process.env.TEST_DATABASE_URL ? await freshDatabase(process.env.TEST_DATABASE_URL) : null;
  const hub = spawn(join(REPO, '.venv/bin/jupyterhub'), ['-f', join(REPO, 'demo/jupyterhub_config.py')], {
    cwd: state,
    stdio: ['ignore', 'ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore'],
    env: {
      ...process.env,
      CATALYST_STATE_DIR: state,
      CATALYST_HUB_PORT: String(hubPort),
      CATALYST_HUB_API_PORT: String(apiPort),
      CATALYST_PROXY_API_PORT: String(proxyPort),
      CATALYST_SERVICE_PORT: String(servicePort),
      CATALYST_TEST_TOKEN: testToken,
      CATALYST_HUB_ID: 'bench-admin',
      CATALYST_HUB_LOG_LEVEL: 'WARN',
      CATALYST_LOG_LEVEL: 'warn',
      CATALYST_SINGLEUSER: fake,
      CATALYST_DEMO_SEED: '0',
      ...(db ? { DATABASE_URL: db.url } : {})
    }
  });
  const url = `http://127.0.0.1:${hubPort}`;
  const service = `${url}/services/catalyst/`;
  const hubApi = (path, init = {}) =>
    fetch(`${url}/hub/api${path}`, {
      ...init,
      headers: { Authorization: `token ${testToken}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) }
    });
  try {
    await waitFor(`${service}ready`, 120000);

    // 10,000 users through the hub's own API, 500 per call.
    const names = Array.from({ length: USERS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
    const created = await timed(async () => {
      for (let i = 0; i < names.length; i += 500) {
        const res = await hubApi('/users', { method: 'POST', body: JSON.stringify({ usernames: names.slice(i, i + 500) }) });
        if (res.status !== 201) throw new Error(`creating users: ${res.status} ${await res.text()}`);
      }
    });
    console.log(`created ${USERS} users in ${(created / 1000).toFixed(1)} s`);

    // The champion's session, as the extension opens it with the page token.
    const tokenRes = await hubApi('/users/champion/tokens', {
      method: 'POST',
      body: JSON.stringify({ scopes: ['access:services!service=catalyst'], expires_in: 3600 })
    });
    const pageToken = (await tokenRes.json()).token;
    const session = await fetch(`${service}api/session`, {
      method: 'POST',
      headers: { Authorization: `token ${pageToken}`, 'Content-Type': 'application/json' },
      body: '{}'
    });
    if (session.status !== 200) throw new Error(`session: ${session.status} ${await session.text()}`);
    const jwt = (await session.json()).token;
    const viaService = path => fetch(`${service}api/admin${path}`, { headers: { Authorization: `Bearer ${jwt}` } });
    const filteredPage = async query => {
      const r = await viaService(`/users?offset=0&limit=${PAGE}&${query}`);
      if (r.status !== 200) throw new Error(`service filtered page: ${r.status} ${await r.text()}`);
      return (await r.json()).total;
    };

    // A filtered first page before anything else: cold, it waits for the service's first full read of the users.
    const cold = await timed(() => filteredPage('never_logged_in=true'));
    console.log(`a filtered first page, cold (never logged in; the user index reads all ${USERS} users): ${cold.toFixed(0)} ms`);

    // First page, alternating: the hub's paged call (what the service itself sends) and the service route.
    const direct = [];
    const proxied = [];
    let total = 0;
    for (let round = -3; round < ROUNDS; round++) {
      const d = await timed(async () => {
        const r = await hubApi(`/users?offset=0&limit=${PAGE}&include_stopped_servers=1&sort=name`, {
          headers: { Accept: 'application/jupyterhub-pagination+json' }
        });
        if (r.status !== 200) throw new Error(`hub page: ${r.status}`);
        await r.json();
      });
      const s = await timed(async () => {
        const r = await viaService(`/users?offset=0&limit=${PAGE}&sort=name`);
        if (r.status !== 200) throw new Error(`service page: ${r.status} ${await r.text()}`);
        total = (await r.json()).total;
      });
      if (round >= 0) {
        direct.push(d);
        proxied.push(s);
      }
    }
    const overhead = (median(proxied) / median(direct) - 1) * 100;
    table([
      { target: `hub GET /users (${PAGE} of ${total}, paged)`, median_ms: median(direct).toFixed(1), p90_ms: p90(direct).toFixed(1) },
      { target: 'service GET api/admin/users (same page)', median_ms: median(proxied).toFixed(1), p90_ms: p90(proxied).toFixed(1) }
    ]);
    console.log(
      `first page through the service: median ${median(proxied).toFixed(0)} ms (goal < 300 ms: ${median(proxied) < 300 ? 'met' : 'NOT met'}); ` +
        `added over the hub's own call: ${overhead.toFixed(1)}% (goal ≤ 20%: ${overhead <= 20 ? 'met' : 'NOT met'})`
    );

    // Filtered first pages with the user index warm: one cheap refresh call to the hub, then filtered in memory.
    const FILTERS = ['never_logged_in=true', 'admin=false&sort=name', 'inactive_days=30', 'group=hub-champions'];
    const warm = Object.fromEntries(FILTERS.map(f => [f, []]));
    for (let round = -1; round < ROUNDS; round++) {
      for (const f of FILTERS) {
        const ms = await timed(() => filteredPage(f));
        if (round >= 0) warm[f].push(ms);
      }
    }
    const allWarm = Object.values(warm).flat();
    table(
      FILTERS.map(f => ({
        target: `service filtered first page, index warm (${f})`,
        median_ms: median(warm[f]).toFixed(1),
        p90_ms: p90(warm[f]).toFixed(1)
      }))
    );
    console.log(
      `a filtered first page, index warm: median ${median(allWarm).toFixed(0)} ms over ${FILTERS.length} filters ` +
        `(goal < 300 ms: ${median(allWarm) < 300 ? 'met' : 'NOT met'})`
    );
    // A user created elsewhere without activity changes only the hub's total: the next filtered page reads everything again.
    await hubApi('/users', { method: 'POST', body: JSON.stringify({ usernames: ['bench-elsewhere'] }) });
    const reread = await timed(() => filteredPage('never_logged_in=true'));
    console.log(`a filtered first page after a user was created outside the console (full read again): ${reread.toFixed(0)} ms`);

    // 100 running servers, then a bulk stop through the service, 4 at a time, as the console does it.
    const running = names.slice(0, SERVERS);
    const spawned = await timed(async () => {
      await pool(running, 8, async name => {
        const r = await hubApi(`/users/${name}/server`, { method: 'POST', body: '{}' });
        if (r.status !== 201 && r.status !== 202) throw new Error(`start ${name}: ${r.status} ${await r.text()}`);
      });
      const deadline = Date.now() + 300000;
      for (;;) {
        const r = await hubApi(`/users?state=ready&limit=1`, { headers: { Accept: 'application/jupyterhub-pagination+json' } });
        if ((await r.json())._pagination.total >= SERVERS) break;
        if (Date.now() > deadline) throw new Error('servers did not all become ready');
        await new Promise(r2 => setTimeout(r2, 500));
      }
    });
    console.log(`started ${SERVERS} servers in ${(spawned / 1000).toFixed(1)} s`);
    const start = performance.now();
    let first = null;
    let errors = 0;
    let pending = 0;
    await pool(running, CONCURRENCY, async name => {
      const r = await fetch(`${service}api/admin/users/${name}/server`, { method: 'DELETE', headers: { Authorization: `Bearer ${jwt}` } });
      if (r.status !== 200) errors++;
      else if ((await r.json()).status === 'pending') pending++;
      first ??= performance.now() - start;
    });
    const all = performance.now() - start;
    const left = await hubApi(`/users?state=active&limit=1`, { headers: { Accept: 'application/jupyterhub-pagination+json' } });
    const stillActive = (await left.json())._pagination.total;
    table([
      {
        target: `bulk stop of ${SERVERS} servers, ${CONCURRENCY} at a time`,
        first_result_ms: first.toFixed(0),
        all_ms: all.toFixed(0),
        errors,
        answered_pending: pending,
        active_after: stillActive
      }
    ]);
    console.log(
      `bulk stop: first result after ${first.toFixed(0)} ms (goal ≤ 1000 ms: ${first <= 1000 ? 'met' : 'NOT met'}); ` +
        `${errors} errors (goal 0: ${errors === 0 ? 'met' : 'NOT met'})`
    );
  } finally {
    const exited = new Promise(r => hub.once('exit', r));
    hub.kill('SIGTERM');
    await Promise.race([exited, new Promise(r => setTimeout(r, 30000))]);
    if (hub.exitCode === null) hub.kill('SIGKILL');
    await db?.drop();
    await rm(state, { recursive: true, force: true });
  }
}

await main();
