// Issue 5: feedback submissions (POST /api/feedback/items) on PostgreSQL vs bare Fastify, one run; and one
// submission's request size.
import { randomUUID } from 'node:crypto';
import {
  devToken,
  startBare,
  freshDatabase,
  sideBySide,
  PREFIX,
  startService,
  table
} from './lib.mjs';

// A fresh database: this instance registers its own hub (services inherit the environment).
process.env.CATALYST_REGISTER_HUB ??= '1';
const PG =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
// Real limits apply (burst 3 then 1/s, 10 a day per person): enough people that none reaches them
// (10 s of load at 4,000/s is 40,000 submissions, 5 per person).
const PEOPLE = Number(process.env.BENCH_FEEDBACK_PEOPLE || 8000);

const text =
  'Our students run out of GPU time in the last week of the course, when projects are due. ' +
  'Could the hub raise the quota for a fortnight each term, or let champions grant extra hours? ' +
  'We would also like a short guide in Spanish on how to check the remaining quota from a notebook.';

/** The body the widget sends for a typical submission. */
function body(n) {
  return JSON.stringify({
    title: `Raise the GPU quota before deadlines (${n})`,
    body: text,
    lang: 'es',
    topic: 'hub-service',
    anonymous: n % 2 === 0,
    context: {
      kind: 'tutorial',
      tutorialId: 'first-python-notebook',
      step: 'run-cell'
    }
  });
}

/** Bytes on the wire of one request as the browser sends it through the hub proxy (without cookies). */
function requestBytes(host, path, token, payload) {
  const headers = [
    `POST ${path} HTTP/1.1`,
    `Host: ${host}`,
    `Authorization: Bearer ${token}`,
    'Content-Type: application/json',
    `Idempotency-Key: ${randomUUID()}`,
    `Content-Length: ${Buffer.byteLength(payload)}`
  ];
  return Buffer.byteLength(`${headers.join('\r\n')}\r\n\r\n${payload}`);
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
  for (let i = 0; i < PEOPLE; i++)
    tokens.push(await devToken(svc.base, `bench-${i}`));
  const path = `${PREFIX}/api/feedback/items`;
  let n = 0;
  const submissions = {
    url: `${svc.base}/api/feedback/items`,
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: req => {
          n++;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
              'idempotency-key': randomUUID()
            },
            body: body(n)
          };
        }
      }
    ]
  };

  const rows = await sideBySide([
    { name: 'bare Fastify GET /hello', opts: { url: bare.url } },
    { name: 'POST /api/feedback/items (PostgreSQL)', opts: submissions, exact: true }
  ]);

  const one = await fetch(submissions.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[0]}`,
      'idempotency-key': randomUUID()
    },
    body: body(1)
  });
  const stored = await fetch(`${svc.base}/api/feedback/triage/items?limit=1`, {
    headers: {
      authorization: `Bearer ${await devToken(svc.base, 'bench-core', { groups: ['core-team'] })}`
    }
  }).then(r => r.json());

  const host = 'hub.example.org';
  const typical = requestBytes(host, path, tokens[0], body(1));
  const longest = requestBytes(
    host,
    path,
    tokens[0],
    JSON.stringify({
      title: 'x'.repeat(120),
      body: 'é'.repeat(4000),
      lang: 'pt-BR',
      consultationId: randomUUID(),
      anonymous: true,
      context: {
        kind: 'tutorial',
        tutorialId: 'x'.repeat(80),
        step: 'y'.repeat(80)
      }
    })
  );

  console.log(
    `\n50 connections; after a 2 s warm-up each, 4 rounds of 2 s per target in turn; ${PEOPLE} people; ${new Date().toISOString()}\n`
  );
  console.log(table(rows));
  const sub = rows[1];
  console.log(
    `\nSubmissions/s as a share of bare Fastify: ${((sub.rps / rows[0].rps) * 100).toFixed(1)}% (goal ≥ 8%), p99 ${sub.p99} ms (goal < 50 ms)`
  );
  console.log(
    `Last check: one more submission answered ${one.status}; the triage list holds ${stored.items?.length ?? 0} item(s) on its first page`
  );
  console.log(
    `One submission's request: ${typical} bytes typical (${Buffer.byteLength(body(1))} bytes of JSON), ${longest} bytes at the limits (goal ≤ 8 KB typical)`
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise(r => setTimeout(r, 500));
  for (const f of cleanups) await f().catch(() => {});
}
