/** A real JupyterHub 5.4 (from the project's .venv) with the Catalyst service, on free loopback ports. */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const REPO = resolve(import.meta.dirname, '../../..');

/** The scope every page token carries to reach the service. */
export const ACCESS_SCOPE = 'access:services!service=catalyst';

export interface LocalHub {
  url: string;
  apiUrl: string;
  serviceUrl: string;
  servicePort: number;
  serviceToken: string;
  databaseUrl?: string;
  stateDir: string;
  /** A real user token from the hub, with the scopes a JupyterLab page token would carry. */
  userToken(name: string, scopes?: string[]): Promise<string>;
  /** Call the hub's REST API with the tests' own service token. */
  hubApi(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolvePort(typeof address === 'object' && address ? address.port : 0)
      );
    });
  });
}

/** Poll `url` until it answers `status`, or fail after `timeoutMs`. */
export async function waitFor(
  url: string,
  status = 200,
  timeoutMs = 60_000,
  alive?: () => boolean
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (alive && !alive()) {
      throw new Error(`process exited while waiting for ${url}`);
    }
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === status) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
}

/** A fresh PostgreSQL database for one hub, or undefined when no server is configured. */
async function freshDatabase(): Promise<
  { url: string; drop: () => Promise<void> } | undefined
> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    return undefined;
  }
  const name = `catalyst_it_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
  };
}

/** Start a hub; `usePostgres` puts the service on a fresh PostgreSQL database (else PGlite). */
export async function startLocalHub(
  options: {
    usePostgres?: boolean;
    /** An existing database to share with other hubs (a federation); the caller drops it. */
    databaseUrl?: string;
    hubId?: string;
    env?: Record<string, string>;
  } = {}
): Promise<LocalHub> {
  const [hubPort, apiPort, proxyApiPort, servicePort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort()
  ]);
  const stateDir = await mkdtemp(join(tmpdir(), 'catalyst-hub-'));
  const testToken = randomBytes(24).toString('hex');
  const serviceToken = randomBytes(24).toString('hex');
  const db = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined }
    : options.usePostgres
      ? await freshDatabase()
      : undefined;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    CATALYST_STATE_DIR: stateDir,
    CATALYST_HUB_PORT: String(hubPort),
    CATALYST_HUB_API_PORT: String(apiPort),
    CATALYST_PROXY_API_PORT: String(proxyApiPort),
    CATALYST_SERVICE_PORT: String(servicePort),
    CATALYST_TEST_TOKEN: testToken,
    CATALYST_SERVICE_TOKEN: serviceToken,
    CATALYST_HUB_ID: options.hubId ?? 'it-hub',
    CATALYST_HUB_LOG_LEVEL: 'WARN',
    ...(options.env ?? {})
  };
  delete env.DATABASE_URL;
  if (db) {
    env.DATABASE_URL = db.url;
  }
  const url = `http://127.0.0.1:${hubPort}`;
  const serviceUrl = `${url}/services/catalyst/`;
  let exited = false;
  // The service answers the hub's liveness probe while it starts (src/startup-port.ts), so a slow
  // start on a loaded machine no longer makes the hub give up: one start, and its failure is real.
  const child = spawn(
    join(REPO, '.venv/bin/jupyterhub'),
    ['-f', join(REPO, 'demo/jupyterhub_config.py')],
    {
      cwd: stateDir,
      env,
      stdio: [
        'ignore',
        // The hub-managed service logs to stdout.
        process.env.CATALYST_TEST_VERBOSE ? 'inherit' : 'ignore',
        process.env.CATALYST_TEST_VERBOSE ? 'inherit' : 'ignore'
      ]
    }
  );
  child.on('exit', () => {
    exited = true;
  });
  await waitFor(`${serviceUrl}ready`, 200, 90_000, () => !exited);

  const hubApi = (path: string, init: RequestInit = {}) =>
    fetch(`${url}/hub/api${path}`, {
      ...init,
      headers: {
        Authorization: `token ${testToken}`,
        'Content-Type': 'application/json',
        ...(init.headers ?? {})
      }
    });

  return {
    url,
    apiUrl: `${url}/hub/api`,
    serviceUrl,
    servicePort,
    serviceToken,
    databaseUrl: db?.url,
    stateDir,
    hubApi,
    async userToken(name, scopes = [ACCESS_SCOPE]) {
      const res = await hubApi(`/users/${name}/tokens`, {
        method: 'POST',
        body: JSON.stringify({
          scopes,
          expires_in: 3600,
          note: 'catalyst integration test'
        })
      });
      if (res.status !== 201) {
        throw new Error(`token for ${name}: ${res.status} ${await res.text()}`);
      }
      return ((await res.json()) as { token: string }).token;
    },
    async stop() {
      if (!exited) {
        const done = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([done, new Promise(r => setTimeout(r, 15_000))]);
        if (!exited) {
          child.kill('SIGKILL');
        }
      }
      await db?.drop();
      await rm(stateDir, { recursive: true, force: true });
    }
  };
}
