// Issue 7: aggregate throughput of 1, 2 and 3 service instances of one hub on one PostgreSQL (the progress
// update route, as the extension's outbox sends it), and the Core Team's cross-hub tables for 200
// communities (one hub each) and 20,000 users, side by side in one run.
import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { DEV_SECRET, freshDatabase, pg, startService } from './lib.mjs';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const autocannon = require('autocannon');
const PG = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const HUB = 'bench-fed';
const CONNECTIONS = 48;
const SECONDS = 8;

/** An HS256 session token, as the service signs them in development mode. */
function token(sub, roles = ['member'], hub = HUB) {
  const now = Math.floor(Date.now() / 1000);
  const enc = v => Buffer.from(JSON.stringify(v)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub, roles, hub, lang: 'en', iat: now, exp: now + 3600 })}`;
  return `${body}.${createHmac('sha256', DEV_SECRET).update(body).digest('base64url')}`;
}

/** autocannon against one instance; every request a different learner and a fresh Idempotency-Key. */
function hammer(base, path, connections, duration) {
  const tokens = Array.from({ length: 500 }, (_, i) => token(`learner-${i}`));
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${base}${path}`,
        connections,
        duration,
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: req => {
              req.headers = {
                ...req.headers,
                authorization: `Bearer ${tokens[n++ % tokens.length]}`,
                'idempotency-key': randomUUID()
              };
              req.body = JSON.stringify({ status: 'passed', attempts: 1, hintsUsed: 0, clientTime: new Date().toISOString() });
              return req;
            }
          }
        ]
      },
      (err, r) => (err ? reject(err) : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts }))
    );
  });
}

/** Aggregate req/s of `instances`, the connections split evenly between them, all at once. */
async function aggregate(instances, path, duration) {
  const each = Math.floor(CONNECTIONS / instances.length);
  const results = await Promise.all(instances.map(s => hammer(s.base, path, each, duration)));
  return {
    rps: Math.round(results.reduce((sum, r) => sum + r.rps, 0)),
    p99: Math.max(...results.map(r => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0)
  };
}

/** 200 communities with a hub and a term each, 20,000 people enrolled and 20,000 learners with progress. */
async function seed(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`
    insert into communities (id, name) select 'community-' || i, 'Community ' || i from generate_series(1, 200) i on conflict do nothing;
    insert into hubs (id, name, url, community_id) select 'hub-' || i, 'Hub ' || i, 'https://hub-' || i || '.example.org/', 'community-' || i from generate_series(1, 200) i on conflict do nothing;
    insert into partnership_terms (community_id, seq, start_date, end_date, phase)
      select 'community-' || i, 1, date '2026-01-01' + (i % 300), date '2026-12-31' + (i % 300), 'active' from generate_series(1, 200) i;
    insert into partnership_people (name, email) select 'Person ' || i, 'person-' || i || '@example.org' from generate_series(1, 20000) i;
    insert into partnership_enrolments (person_id, community_id, programme)
      select p.id, 'community-' || (1 + p.id % 200), 'hub_champion_training' from partnership_people p;
    insert into training_progress (hub_id, user_name, tutorial_id, version, step_id, status, client_updated_at)
      select 'hub-' || (1 + u % 200), 'user-' || u, 'first-python-notebook', '1', 'step-' || s,
             case when s < 3 then 'passed' else 'started' end, now()
        from generate_series(1, 20000) u, generate_series(1, 4) s;
    analyze;`);
  await c.end();
}

/** Median and max of `n` sequential GETs. */
async function timeGets(base, path, jwt, n = 15) {
  const times = [];
  for (let i = 0; i < n + 2; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${jwt}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
    if (i >= 2) times.push(performance.now() - t0); // two warm-ups
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], max: times.at(-1), bytes: 0 };
}

const instances = [];
const cleanups = [];
try {
  const db = await freshDatabase(PG);
  cleanups.push(db.drop);
  for (let i = 0; i < 3; i++) instances.push(await startService({ databaseUrl: db.url, hubId: HUB }));
  const tutorial = await (await fetch(`${instances[0].base}/api/training/tutorials/first-python-notebook`, { headers: { authorization: `Bearer ${token('reader')}` } })).json();
  const path = `/api/training/progress/first-python-notebook/${tutorial.version}/${tutorial.steps[0].id}`;

  await aggregate(instances, path, 2); // warm-up of all three
  const rows = [];
  for (const n of [1, 2, 3]) {
    rows.push({ n, ...(await aggregate(instances.slice(0, n), path, SECONDS)) });
    console.error(`done: ${n} instance(s)`);
  }
  console.log(`\nPUT progress (Idempotency-Key, 500 learners), ${CONNECTIONS} connections split across the instances, ${SECONDS} s each, ${new Date().toISOString()}\n`);
  console.log('| instances | req/s (sum) | ratio to 1 | worst p99 ms | errors |\n|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.n} | ${r.rps} | ${(r.rps / rows[0].rps).toFixed(2)} | ${r.p99} | ${r.errors} |`);

  await seed(db.url);
  const core = token('cora', ['member', 'core-team']);
  const base = instances[0].base;
  console.log('\nCore Team tables, 200 communities (a hub and a term each), 20,000 people enrolled, 20,000 learners (80,000 progress rows); 15 sequential GETs after 2 warm-ups\n');
  console.log('| route | median ms | max ms | goal |\n|---|---:|---:|---|');
  for (const route of ['/api/partnerships/communities', '/api/federation/hubs', '/api/federation/progress', '/api/federation/progress/learners?limit=200']) {
    const t = await timeGets(base, route, core);
    console.log(`| GET ${route} | ${t.median.toFixed(0)} | ${t.max.toFixed(0)} | < 300 ms: ${t.max < 300 ? 'met' : t.median < 300 ? 'median met' : 'NOT met'} |`);
  }
} finally {
  for (const s of instances) s.child.kill('SIGTERM');
  await new Promise(r => setTimeout(r, 500));
  for (const f of cleanups) await f().catch(() => {});
}
