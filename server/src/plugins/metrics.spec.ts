import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../test/integration/local-hub.js';
import {
  buildTestApp,
  DEV_SECRET,
  type TestApp
} from '../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../test/databases.js';

const PREFIX = '/services/catalyst';
const METRICS_TOKEN = 'metrics-token-0123456789';

/** The value of one sample line, e.g. `name{a="b"} 3`; undefined when absent. */
function sample(
  text: string,
  name: string,
  labels: string
): number | undefined {
  const line = text
    .split('\n')
    .find(
      l =>
        l.startsWith(`${name}{`) && labels.split(',').every(p => l.includes(p))
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

// The database makes no difference here: one backend, the PostgreSQL server when there is one.
const backend = backends().at(-1) ?? 'pglite';

describe(`GET /metrics (${backend})`, () => {
  let db: TestDatabase;
  let open: TestApp;
  let guarded: TestApp;
  let jwt: string;

  before(async () => {
    db = await startDatabase(backend);
    const env = {
      DATABASE_URL: db.url,
      CATALYST_DEV_MODE: '1',
      CATALYST_DEV_SECRET: DEV_SECRET,
      CATALYST_HUB_ID: 'metrics-hub',
      // Nothing listens there: hub tokens fail with hub_unreachable.
      JUPYTERHUB_API_URL: `http://127.0.0.1:${await freePort()}/hub/api`,
      CATALYST_HUB_TIMEOUT_MS: '500'
    };
    open = await buildTestApp(env);
    guarded = await buildTestApp({
      ...env,
      CATALYST_METRICS_TOKEN: METRICS_TOKEN
    });
    await Promise.all([open.app.ready(), guarded.app.ready()]);
    jwt = (
      await open.app.inject({
        method: 'POST',
        url: `${PREFIX}/api/session`,
        headers: { authorization: `token ${DEV_SECRET}` },
        payload: { user: 'zelda-private' }
      })
    ).json().token as string;
  });

  after(async () => {
    await open?.app.close();
    await guarded?.app.close();
    await db?.close();
  });

  const scrape = async (t: TestApp, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers });

  it('counts and times requests by route template and status, with no user names or ids', async () => {
    for (let i = 0; i < 3; i++) {
      await open.app.inject({
        method: 'GET',
        url: `${PREFIX}/api/me`,
        headers: { authorization: `Bearer ${jwt}` }
      });
    }
    await open.app.inject({
      method: 'GET',
      url: `${PREFIX}/api/users/zelda-private`
    });
    await open.app.inject({
      method: 'GET',
      url: `${PREFIX}/api/training/tutorials/zelda-private`,
      headers: { authorization: `Bearer ${jwt}` }
    });
    const res = await scrape(open);
    assert.equal(res.statusCode, 200);
    assert.match(
      res.headers['content-type'] as string,
      /^text\/plain; version=0\.0\.4/
    );
    const text = res.body;
    const me = `route="${PREFIX}/api/me"`;
    assert.equal(
      sample(
        text,
        'catalyst_http_requests_total',
        `${me},status="200",method="GET"`
      ),
      3
    );
    assert.equal(
      sample(
        text,
        'catalyst_http_request_duration_seconds_count',
        `${me},status="200"`
      ),
      3
    );
    assert.equal(
      sample(
        text,
        'catalyst_http_request_duration_seconds_bucket',
        `${me},status="200",le="+Inf"`
      ),
      3
    );
    assert.equal(
      sample(
        text,
        'catalyst_http_requests_total',
        'route="unmatched",status="404"'
      ),
      1
    );
    assert.ok(text.includes(`route="${PREFIX}/api/training/tutorials/:id"`));
    assert.ok(text.includes('hub="metrics-hub"'));
    assert.ok(!text.includes('zelda'), 'no user name or path id in any label');
  });

  it('reports the database pool', async () => {
    const text = (await scrape(open)).body;
    const total = sample(text, 'catalyst_db_pool_connections', 'state="total"');
    assert.ok(total !== undefined && total >= 1, `total ${total}`);
    assert.equal(
      sample(text, 'catalyst_db_pool_connections', 'state="waiting"'),
      0
    );
    assert.ok(
      sample(text, 'catalyst_db_pool_connections', 'state="idle"') !== undefined
    );
  });

  it('counts repeats of an idempotency key (outbox retries) apart from first sends', async () => {
    const send = (key: string) =>
      open.app.inject({
        method: 'GET',
        url: `${PREFIX}/api/me`,
        headers: { authorization: `Bearer ${jwt}`, 'idempotency-key': key }
      });
    await send('key-1');
    await send('key-1');
    await send('key-1');
    await send('key-2');
    const text = (await scrape(open)).body;
    const me = `route="${PREFIX}/api/me"`;
    assert.equal(
      sample(
        text,
        'catalyst_idempotent_requests_total',
        `${me},repeat="false"`
      ),
      2
    );
    assert.equal(
      sample(text, 'catalyst_idempotent_requests_total', `${me},repeat="true"`),
      2
    );
    assert.ok(!text.includes('key-1'));
  });

  it('counts hub API errors', async () => {
    const res = await open.app.inject({
      method: 'POST',
      url: `${PREFIX}/api/session`,
      headers: { authorization: 'token some-hub-token' },
      payload: {}
    });
    assert.equal(res.statusCode, 503);
    const text = (await scrape(open)).body;
    assert.equal(
      sample(
        text,
        'catalyst_hub_api_errors_total',
        `route="${PREFIX}/api/session",code="hub_unreachable"`
      ),
      1
    );
  });

  it('without a token: loopback only, never through a proxy, never under the service prefix', async () => {
    const proxied = await scrape(open, { 'x-forwarded-for': '203.0.113.9' });
    assert.equal(proxied.statusCode, 403);
    assert.match(proxied.json().message, /CATALYST_METRICS_TOKEN/);
    const remote = await open.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9'
    });
    assert.equal(remote.statusCode, 403);
    const prefixed = await open.app.inject({
      method: 'GET',
      url: `${PREFIX}/metrics`
    });
    assert.equal(prefixed.statusCode, 404);
  });

  it('with CATALYST_METRICS_TOKEN: only that bearer token, from anywhere', async () => {
    assert.equal((await scrape(guarded)).statusCode, 403);
    assert.equal(
      (await scrape(guarded, { authorization: `Bearer ${METRICS_TOKEN}x` }))
        .statusCode,
      403
    );
    assert.equal(
      (await scrape(guarded, { authorization: `Bearer ${jwt}` })).statusCode,
      403
    );
    const ok = await guarded.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` }
    });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /catalyst_process_cpu_seconds_total/);
  });
});
