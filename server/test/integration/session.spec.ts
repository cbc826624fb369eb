/** The service against a real JupyterHub 5.4: identity exchange, roles, refusals, and two replicas on one database. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { resolve } from 'node:path';
import {
  freePort,
  startLocalHub,
  waitFor,
  type LocalHub
} from './local-hub.js';

const SERVER = resolve(import.meta.dirname, '../../dist/server.js');

interface ISessionAnswer {
  token: string;
  expiresAt: string;
  user: {
    name: string;
    roles: string[];
    hub: { id: string; name: string };
    language: string;
  };
}

async function session(
  serviceUrl: string,
  hubToken: string,
  body: object = {}
): Promise<Response> {
  return fetch(`${serviceUrl}api/session`, {
    method: 'POST',
    headers: {
      Authorization: `token ${hubToken}`,
      'Content-Type': 'application/json'
    },
    body: JSON.stringify(body)
  });
}

describe('identity through a real hub', () => {
  let hub: LocalHub;
  before(async () => {
    hub = await startLocalHub({
      usePostgres: Boolean(process.env.TEST_DATABASE_URL)
    });
  });
  after(async () => {
    await hub?.stop();
  });

  const expected: Record<string, string[]> = {
    member: ['member'],
    champion: ['member', 'hub-champion'],
    community: ['member', 'community-champion'],
    coreteam: ['member', 'core-team']
  };
  for (const [name, roles] of Object.entries(expected)) {
    it(`${name} gets a session with roles ${roles.join(', ')}`, async () => {
      const res = await session(hub.serviceUrl, await hub.userToken(name), {
        language: 'es'
      });
      assert.equal(res.status, 200, await res.clone().text());
      const answer = (await res.json()) as ISessionAnswer;
      assert.equal(answer.user.name, name);
      assert.deepEqual([...answer.user.roles].sort(), [...roles].sort());
      assert.equal(answer.user.hub.id, 'it-hub');
      assert.equal(answer.user.language, 'es');
      const me = await fetch(`${hub.serviceUrl}api/me`, {
        headers: { Authorization: `Bearer ${answer.token}` }
      });
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as { name: string }).name, name);
    });
  }

  it('refuses a real token without the access scope (403 wrong_scope)', async () => {
    const token = await hub.userToken('member', [
      'read:users:name!user=member'
    ]);
    const res = await session(hub.serviceUrl, token);
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { code: string }).code, 'wrong_scope');
  });

  it('refuses a revoked token (401)', async () => {
    const token = await hub.userToken('member');
    const listed = (await (
      await hub.hubApi('/users/member/tokens')
    ).json()) as { api_tokens: { id: string; note: string }[] };
    for (const t of listed.api_tokens) {
      await hub.hubApi(`/users/member/tokens/${t.id}`, { method: 'DELETE' });
    }
    const res = await session(hub.serviceUrl, token);
    assert.equal(res.status, 401);
  });

  it('refuses the JWT as a hub token and the hub token as a JWT', async () => {
    const res = await fetch(`${hub.serviceUrl}api/me`, {
      headers: { Authorization: `Bearer ${await hub.userToken('member')}` }
    });
    assert.equal(res.status, 401);
  });

  it('answers through the hub proxy with the OpenAPI document', async () => {
    const res = await fetch(`${hub.serviceUrl}openapi.json`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    assert.ok(Object.keys(doc.paths).some(p => p.endsWith('api/session')));
  });

  it('two service replicas on one database serve one user alternately', async t => {
    if (!hub.databaseUrl) {
      t.skip('needs the PostgreSQL server (TEST_DATABASE_URL)');
      return;
    }
    const port = await freePort();
    const replica = spawn(process.execPath, [SERVER], {
      env: {
        ...process.env,
        JUPYTERHUB_API_URL: `${hub.apiUrl}`,
        JUPYTERHUB_API_TOKEN: hub.serviceToken,
        JUPYTERHUB_SERVICE_PREFIX: '/services/catalyst/',
        JUPYTERHUB_SERVICE_NAME: 'catalyst',
        CATALYST_HOST: '127.0.0.1',
        CATALYST_PORT: String(port),
        CATALYST_HUB_ID: 'it-hub',
        DATABASE_URL: hub.databaseUrl,
        CATALYST_LOG_LEVEL: 'warn'
      },
      stdio: 'ignore'
    });
    try {
      const direct = `http://127.0.0.1:${port}/services/catalyst/`;
      await waitFor(`${direct}ready`);
      const first = (await (
        await session(hub.serviceUrl, await hub.userToken('champion'))
      ).json()) as ISessionAnswer;
      const second = (await (
        await session(direct, await hub.userToken('member'))
      ).json()) as ISessionAnswer;
      // Each replica accepts the other's tokens: no state lives in a process.
      for (let i = 0; i < 6; i++) {
        const base = i % 2 ? direct : hub.serviceUrl;
        const token = i % 4 < 2 ? first.token : second.token;
        const res = await fetch(`${base}api/me`, {
          headers: { Authorization: `Bearer ${token}` }
        });
        assert.equal(res.status, 200, `request ${i} to ${base}`);
        assert.equal(
          ((await res.json()) as { name: string }).name,
          i % 4 < 2 ? 'champion' : 'member'
        );
      }
    } finally {
      replica.kill('SIGTERM');
    }
  });
});

describe('hub outage', () => {
  it('answers 503 hub_unreachable when the hub API is down, never 500', async () => {
    const port = await freePort();
    const deadHub = await freePort();
    const service = spawn(process.execPath, [SERVER], {
      env: {
        ...process.env,
        JUPYTERHUB_API_URL: `http://127.0.0.1:${deadHub}/hub/api`,
        JUPYTERHUB_API_TOKEN: 'x'.repeat(32),
        JUPYTERHUB_SERVICE_PREFIX: '/services/catalyst/',
        CATALYST_HOST: '127.0.0.1',
        CATALYST_PORT: String(port),
        CATALYST_DATA_DIR: `${process.env.TMPDIR ?? '/tmp'}/catalyst-it-outage-${port}`,
        DATABASE_URL: '',
        CATALYST_LOG_LEVEL: 'warn'
      },
      stdio: 'ignore'
    });
    try {
      const base = `http://127.0.0.1:${port}/services/catalyst/`;
      await waitFor(`${base}ready`, 200, 60_000);
      const res = await session(base, 'some-token');
      assert.equal(res.status, 503);
      assert.equal(
        ((await res.json()) as { code: string }).code,
        'hub_unreachable'
      );
    } finally {
      service.kill('SIGTERM');
    }
  });
});
