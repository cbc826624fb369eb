import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  buildTestApp,
  DEV_SECRET,
  type TestApp
} from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import { startTcpProxy, type TcpProxy } from '../../../test/tcp-proxy.js';

const PREFIX = '/services/catalyst';

for (const backend of backends()) {
  describe(`health, readiness and HTTP behaviour (${backend})`, () => {
    let db: TestDatabase;
    // The app reaches the database through a proxy the tests can cut, as if the database went down.
    let proxy: TcpProxy;
    let t: TestApp;

    before(async () => {
      db = await startDatabase(backend);
      const target = new URL(db.url);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      target.host = `127.0.0.1:${proxy.port}`;
      t = await buildTestApp({
        DATABASE_URL: target.toString(),
        CATALYST_DEV_MODE: '1',
        CATALYST_DEV_SECRET: DEV_SECRET
      });
      // Routes added before ready(): an unexpected failure must not leak its message.
      t.app.get('/boom', async () => {
        throw new Error('secret internal detail');
      });
      t.app.get(
        '/core-only',
        { preHandler: [t.app.authenticate, t.app.requireRole('core-team')] },
        async request => ({ name: request.user.sub })
      );
      await t.app.ready();
    });

    after(async () => {
      await t?.app.close();
      await proxy?.stop();
      await db?.close();
    });

    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const session = () =>
      t.app.inject({
        method: 'POST',
        url: `${PREFIX}/api/session`,
        headers: { authorization: `token ${DEV_SECRET}` },
        payload: { user: 'ana' }
      });

    it('GET health answers ok', async () => {
      const res = await get(`${PREFIX}/health`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ok' });
    });

    it('GET ready answers ready while the database is up', async () => {
      const res = await get(`${PREFIX}/ready`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { status: 'ready', database: 'up' });
    });

    it('answers 503 while the database is down and recovers without a restart', async () => {
      const jwt = (await session()).json().token as string;
      const hub = () =>
        t.app.inject({
          method: 'GET',
          url: `${PREFIX}/api/hub`,
          headers: { authorization: `Bearer ${jwt}` }
        });
      await proxy.stop();
      try {
        const ready = await get(`${PREFIX}/ready`);
        assert.equal(ready.statusCode, 503);
        assert.deepEqual(ready.json(), { status: 'unready', database: 'down' });
        const read = await hub();
        assert.equal(read.statusCode, 503, read.body);
        assert.equal(read.json().code, 'database_unavailable');
        // Identity needs only the hub (and a cached hub row): people stay signed in meanwhile.
        const me = await t.app.inject({
          method: 'GET',
          url: `${PREFIX}/api/me`,
          headers: { authorization: `Bearer ${jwt}` }
        });
        assert.equal(me.statusCode, 200, me.body);
        assert.equal((await get(`${PREFIX}/health`)).statusCode, 200);
      } finally {
        await proxy.start();
      }
      assert.equal((await get(`${PREFIX}/ready`)).statusCode, 200);
      assert.equal((await hub()).statusCode, 200);
      assert.equal((await session()).statusCode, 200);
    });

    it('serves the OpenAPI document listing every route, and Swagger UI', async () => {
      const res = await get(`${PREFIX}/openapi.json`);
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.match(doc.openapi, /^3\./);
      for (const path of ['health', 'ready', 'api/session', 'api/me']) {
        assert.ok(doc.paths[`${PREFIX}/${path}`], `openapi lists ${path}`);
      }
      assert.ok(
        doc.paths[`${PREFIX}/api/session`].post.requestBody,
        'session body is documented'
      );
      const ui = await get(`${PREFIX}/docs/`);
      assert.equal(ui.statusCode, 200);
      assert.match(ui.headers['content-type'] as string, /html/);
    });

    it('requireRole admits the listed roles only', async () => {
      const asUser = async (body: object) => {
        const open = await t.app.inject({
          method: 'POST',
          url: `${PREFIX}/api/session`,
          headers: { authorization: `token ${DEV_SECRET}` },
          payload: body
        });
        return t.app.inject({
          method: 'GET',
          url: '/core-only',
          headers: { authorization: `Bearer ${open.json().token}` }
        });
      };
      const member = await asUser({ user: 'ana' });
      assert.equal(member.statusCode, 403);
      assert.equal(member.json().code, 'forbidden');
      const core = await asUser({ user: 'tess', groups: ['core-team'] });
      assert.equal(core.statusCode, 200);
      assert.deepEqual(core.json(), { name: 'tess' });
      const anonymous = await t.app.inject({
        method: 'GET',
        url: '/core-only'
      });
      assert.equal(anonymous.json().code, 'missing_token');
    });

    it('answers unknown routes with a JSON 404', async () => {
      const res = await get(`${PREFIX}/nowhere`);
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'not_found');
      assert.equal(
        (await get('/health')).statusCode,
        404,
        'routes live under the prefix only'
      );
    });

    it('answers an unexpected error with a generic 500 and logs it with the request id', async () => {
      const res = await get('/boom');
      assert.equal(res.statusCode, 500);
      assert.equal(res.json().code, 'internal');
      assert.doesNotMatch(res.body, /secret internal detail/);
      const logged = t.logs
        .map(line => JSON.parse(line))
        .find(entry => entry.err?.message === 'secret internal detail');
      assert.ok(logged?.reqId, 'the error is logged with its request id');
      assert.ok(
        res.json().message.includes(logged.reqId),
        'the answer quotes the request id'
      );
    });
  });
}
