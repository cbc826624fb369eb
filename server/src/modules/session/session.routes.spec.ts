import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  buildTestApp,
  DEV_SECRET,
  SERVICE_TOKEN,
  type TestApp
} from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import { hubUser, startFakeHub, type FakeHub } from '../../../test/fake-hub.js';
import { nowSeconds, signHs256 } from '../../../test/jwt.js';

const PREFIX = '/services/catalyst';

function openSession(
  t: TestApp,
  authorization: string | undefined,
  body?: unknown
) {
  return t.app.inject({
    method: 'POST',
    url: `${PREFIX}/api/session`,
    headers: authorization ? { authorization } : {},
    ...(body === undefined ? {} : { payload: body as object })
  });
}

function me(t: TestApp, jwt: string) {
  return t.app.inject({
    method: 'GET',
    url: `${PREFIX}/api/me`,
    headers: { authorization: `Bearer ${jwt}` }
  });
}

for (const backend of backends()) {
  describe(`session routes (${backend})`, () => {
    // One database per file and backend: PGlite takes seconds to start.
    let db: TestDatabase;
    before(async () => {
      db = await startDatabase(backend);
    });
    after(async () => {
      await db?.close();
    });

    describe('with a hub', () => {
      let hub: FakeHub;
      let t: TestApp;

      before(async () => {
        hub = await startFakeHub();
        hub.tokens.set('ana-token', { user: hubUser('ana') });
        hub.tokens.set('admin-token', {
          user: hubUser('root', {
            admin: true,
            groups: ['community-champions', 'core-team']
          })
        });
        hub.tokens.set('champion-token', {
          user: hubUser('chen', { groups: ['hub-champions'] })
        });
        hub.tokens.set('team-token', { user: hubUser('tess') });
        hub.tokens.set('no-scope-token', {
          user: hubUser('nora', { scopes: ['access:servers!user=nora'] })
        });
        hub.tokens.set('wide-scope-token', {
          user: hubUser('wade', { scopes: ['access:services'] })
        });
        hub.tokens.set('other-service-token', {
          user: hubUser('otto', { scopes: ['access:services!service=other'] })
        });
        hub.tokens.set('service-token', {
          user: {
            kind: 'service',
            name: 'announcer',
            scopes: ['access:services']
          }
        });
        hub.tokens.set('broken-hub-token', { status: 500 });
        hub.tokens.set('slow-hub-token', { hang: true });
        t = await buildTestApp({
          DATABASE_URL: db.url,
          JUPYTERHUB_API_URL: hub.apiUrl,
          CATALYST_HUB_ID: 'hub-a',
          CATALYST_HUB_NAME: 'Hub A',
          CATALYST_CORE_TEAM: 'tess, someone',
          CATALYST_HUB_TIMEOUT_MS: '300'
        });
        await t.app.ready();
      });

      after(async () => {
        await t?.app.close();
        await hub?.close();
      });

      it('opens a session for a member, with the hub and a language the hub offers', async () => {
        const res = await openSession(t, 'token ana-token', {
          language: 'es-MX'
        });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.deepEqual(body.user, {
          name: 'ana',
          roles: ['member'],
          hub: { id: 'hub-a', name: 'Hub A' },
          language: 'es'
        });
        const ttl = (Date.parse(body.expiresAt) - Date.now()) / 1000;
        assert.ok(
          ttl > 880 && ttl <= 900,
          `expiresAt ${body.expiresAt} is ~900 s away`
        );
        const claims = t.app.jwt.decode<Record<string, unknown>>(body.token);
        assert.equal(claims?.sub, 'ana');
        assert.equal(claims?.hub, 'hub-a');
        assert.equal(claims?.lang, 'es');
      });

      it('accepts Bearer as well as token, and no body at all', async () => {
        const res = await openSession(t, 'Bearer ana-token');
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().user.language, 'en');
      });

      it('gives roles from the admin flag, groups and the core team list', async () => {
        const admin = await openSession(t, 'token admin-token', {});
        assert.deepEqual(admin.json().user.roles, [
          'member',
          'hub-champion',
          'community-champion',
          'core-team'
        ]);
        const champion = await openSession(t, 'token champion-token', {});
        assert.deepEqual(champion.json().user.roles, [
          'member',
          'hub-champion'
        ]);
        const team = await openSession(t, 'token team-token', {});
        assert.deepEqual(team.json().user.roles, ['member', 'core-team']);
      });

      it('accepts the unfiltered access:services scope', async () => {
        const res = await openSession(t, 'token wide-scope-token', {});
        assert.equal(res.statusCode, 200, res.body);
      });

      it('answers 401 missing_token without a header', async () => {
        const res = await openSession(t, undefined, {});
        assert.equal(res.statusCode, 401);
        assert.deepEqual(res.json(), {
          statusCode: 401,
          error: 'Unauthorized',
          message: res.json().message,
          code: 'missing_token'
        });
      });

      it('answers 401 invalid_token for a token the hub refuses or a malformed header', async () => {
        const refused = await openSession(t, 'token forged-token', {});
        assert.equal(refused.statusCode, 401);
        assert.equal(refused.json().code, 'invalid_token');
        const malformed = await openSession(t, 'Basic abc', {});
        assert.equal(malformed.statusCode, 401);
        assert.equal(malformed.json().code, 'invalid_token');
      });

      it('answers 403 wrong_scope without the access scope for this service', async () => {
        for (const token of ['no-scope-token', 'other-service-token']) {
          const res = await openSession(t, `token ${token}`, {});
          assert.equal(res.statusCode, 403, token);
          assert.equal(res.json().code, 'wrong_scope');
        }
      });

      it('refuses a service token with 403', async () => {
        const res = await openSession(t, 'token service-token', {});
        assert.equal(res.statusCode, 403);
        assert.equal(res.json().code, 'wrong_scope');
      });

      it('answers 503 hub_unreachable when the hub fails or is too slow', async () => {
        const broken = await openSession(t, 'token broken-hub-token', {});
        assert.equal(broken.statusCode, 503);
        assert.equal(broken.json().code, 'hub_unreachable');
        const started = Date.now();
        const slow = await openSession(t, 'token slow-hub-token', {});
        assert.equal(slow.statusCode, 503);
        assert.equal(slow.json().code, 'hub_unreachable');
        assert.ok(
          Date.now() - started < 3000,
          'gave up after the configured timeout'
        );
      });

      it('caches the hub answer: a second exchange does not call the hub', async () => {
        hub.tokens.set('cache-token', { user: hubUser('cleo') });
        const before = hub.calls;
        assert.equal(
          (await openSession(t, 'token cache-token', {})).statusCode,
          200
        );
        assert.equal(
          (await openSession(t, 'token cache-token', {})).statusCode,
          200
        );
        assert.equal(hub.calls, before + 1);
      });

      it('answers 400 naming an unknown field, a wrong type and a development-only field', async () => {
        const unknown = await openSession(t, 'token ana-token', {
          language: 'es',
          colour: 'red'
        });
        assert.equal(unknown.statusCode, 400);
        assert.equal(unknown.json().code, 'validation');
        assert.match(unknown.json().message, /colour/);
        const wrongType = await openSession(t, 'token ana-token', {
          language: 5
        });
        assert.equal(wrongType.statusCode, 400);
        assert.match(wrongType.json().message, /body\/language/);
        const devOnly = await openSession(t, 'token ana-token', {
          user: 'root'
        });
        assert.equal(devOnly.statusCode, 400);
        assert.match(devOnly.json().message, /user/);
      });

      it('answers 400 for malformed JSON and 413 body_too_large for a huge body', async () => {
        const bad = await t.app.inject({
          method: 'POST',
          url: `${PREFIX}/api/session`,
          headers: {
            authorization: 'token ana-token',
            'content-type': 'application/json'
          },
          payload: '{"language": '
        });
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().code, 'validation');
        const huge = await openSession(t, 'token ana-token', {
          language: 'x'.repeat(70 * 1024)
        });
        assert.equal(huge.statusCode, 413);
        assert.equal(huge.json().code, 'body_too_large');
      });

      it('GET me answers Me for a good session token', async () => {
        const session = (
          await openSession(t, 'token champion-token', { language: 'en' })
        ).json();
        const res = await me(t, session.token);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(res.json(), session.user);
      });

      it('GET me refuses missing, expired, forged and other-hub tokens', async () => {
        const missing = await t.app.inject({
          method: 'GET',
          url: `${PREFIX}/api/me`
        });
        assert.equal(missing.json().code, 'missing_token');
        const secret = t.config.jwt.secret;
        const claims = {
          sub: 'ana',
          roles: ['member'],
          hub: 'hub-a',
          lang: 'en'
        };
        const expired = signHs256(
          { ...claims, iat: nowSeconds() - 1000, exp: nowSeconds() - 10 },
          secret
        );
        const expiredRes = await me(t, expired);
        assert.equal(expiredRes.statusCode, 401);
        assert.equal(expiredRes.json().code, 'expired_token');
        const live = { iat: nowSeconds(), exp: nowSeconds() + 600 };
        const forged = signHs256(
          { ...claims, ...live },
          'not-the-secret-of-this-hub-at-all'
        );
        assert.equal((await me(t, forged)).json().code, 'invalid_token');
        const otherHub = signHs256(
          { ...claims, ...live, hub: 'hub-b' },
          secret
        );
        const otherRes = await me(t, otherHub);
        assert.equal(otherRes.statusCode, 401);
        assert.equal(otherRes.json().code, 'invalid_token');
        assert.equal((await me(t, 'not.a.jwt')).json().code, 'invalid_token');
      });

      it('refuses the development secret when development mode is off', async () => {
        const res = await openSession(t, `token ${DEV_SECRET}`, {
          user: 'mallory'
        });
        assert.equal(res.statusCode, 400);
        const plain = await openSession(t, `token ${DEV_SECRET}`, {});
        assert.equal(plain.statusCode, 401);
        assert.equal(plain.json().code, 'invalid_token');
      });

      it('never writes hub tokens, the service token or session tokens to the log', async () => {
        const session = (await openSession(t, 'token ana-token', {})).json();
        await me(t, session.token);
        const log = t.logs.join('');
        assert.ok(log.includes('/api/session'), 'requests were logged');
        for (const secret of [
          'ana-token',
          'admin-token',
          'slow-hub-token',
          SERVICE_TOKEN,
          session.token
        ]) {
          assert.ok(!log.includes(secret), `log leaks ${secret.slice(0, 8)}…`);
        }
      });
    });

    describe('in development mode', () => {
      let t: TestApp;

      before(async () => {
        t = await buildTestApp({
          DATABASE_URL: db.url,
          CATALYST_DEV_MODE: '1',
          CATALYST_DEV_SECRET: DEV_SECRET,
          JUPYTERHUB_API_TOKEN: ''
        });
        await t.app.ready();
      });

      after(async () => {
        await t?.app.close();
      });

      it('warns loudly at start', () => {
        const warning = t.logs.find(line => line.includes('DEVELOPMENT MODE'));
        assert.ok(warning, 'a development mode warning was logged');
        assert.equal(JSON.parse(warning).level, 40);
      });

      it('opens a session for any user with the development secret, signed with it', async () => {
        const res = await openSession(t, `token ${DEV_SECRET}`, {
          user: 'dev',
          groups: ['community-champions'],
          admin: true,
          language: 'es'
        });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.deepEqual(body.user, {
          name: 'dev',
          roles: ['member', 'hub-champion', 'community-champion'],
          hub: { id: 'local', name: 'local' },
          language: 'es'
        });
        assert.equal(t.config.jwt.secret, DEV_SECRET);
        assert.equal((await me(t, body.token)).statusCode, 200);
      });

      it('requires a user name and refuses other tokens when no hub is configured', async () => {
        const noUser = await openSession(t, `token ${DEV_SECRET}`, {});
        assert.equal(noUser.statusCode, 400);
        assert.match(noUser.json().message, /user/);
        const other = await openSession(t, 'token something-else', {});
        assert.equal(other.statusCode, 401);
        assert.equal(other.json().code, 'invalid_token');
      });
    });
  });
}
