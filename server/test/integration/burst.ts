/** Real service processes, a round-robin loopback balancer and a retrying client: the parts of the replica and outage tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { nowSeconds, signHs256 } from '../jwt.js';
import { freePort, waitFor } from './local-hub.js';

const SERVER = resolve(import.meta.dirname, '../../dist/server.js');
export const DEV_SECRET = 'burst-dev-secret-0123456789';
export const PREFIX = '/services/catalyst/';

/** A service process on a loopback port. */
export interface ServiceProcess {
  port: number;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `dist/server.js` for `hubId` on `databaseUrl` (development sessions, so no hub is needed). */
export async function startService(
  databaseUrl: string,
  hubId: string
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      CATALYST_HUB_ID: hubId,
      CATALYST_REGISTER_HUB: '1',
      CATALYST_DEV_MODE: '1',
      CATALYST_DEV_SECRET: DEV_SECRET,
      CATALYST_HOST: '127.0.0.1',
      CATALYST_PORT: String(port),
      CATALYST_LOG_LEVEL: process.env.CATALYST_TEST_VERBOSE ? 'info' : 'warn'
    },
    stdio: [
      'ignore',
      process.env.CATALYST_TEST_VERBOSE ? 'inherit' : 'ignore',
      'inherit'
    ]
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  await waitFor(
    `http://127.0.0.1:${port}${PREFIX}ready`,
    200,
    90_000,
    () => !exited
  );
  return {
    port,
    child,
    async stop(signal = 'SIGTERM') {
      if (exited) return;
      const done = new Promise(r => child.once('exit', r));
      child.kill(signal);
      await done;
    }
  };
}

/** A session token of `hubId` for `user` (development secret). */
export function sessionToken(hubId: string, user: string): string {
  const now = nowSeconds();
  return signHs256(
    {
      sub: user,
      roles: ['member'],
      hub: hubId,
      lang: 'en',
      iat: now,
      exp: now + 3600
    },
    DEV_SECRET
  );
}

/** Round-robin over upstream ports, one connection at a time; a refused upstream passes the client to the next. */
export async function roundRobin(ports: number[]) {
  let next = 0;
  const served = ports.map(() => 0);
  const sockets = new Set<Socket>();
  const server = createServer(client => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.pause();
    const attempt = (tries: number): void => {
      const index = next++ % ports.length;
      const upstream = createConnection({
        host: '127.0.0.1',
        port: ports[index] as number
      });
      upstream.once('connect', () => {
        served[index] = (served[index] ?? 0) + 1;
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        upstream.on('error', () => upstream.destroy());
        client.on('error', () => client.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      upstream.once('error', () => {
        upstream.destroy();
        if (tries + 1 < ports.length) attempt(tries + 1);
        else client.destroy();
      });
    };
    attempt(0);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    served,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise(r => server.close(r));
    }
  };
}

/** One HTTP exchange on a new connection (so the balancer sees each request). */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown
): Promise<{ status: number; text: string }> {
  return new Promise((resolvePromise, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        timeout: 15_000,
        headers: {
          ...headers,
          ...(payload
            ? {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload)
              }
            : {})
        }
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolvePromise({ status: res.statusCode ?? 0, text })
        );
        res.on('error', reject);
      }
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}

/** What a burst saw. */
export interface BurstResult {
  acknowledged: Set<number>;
  statuses: Record<string, number>;
  retries: number;
}

/**
 * Sends `count` writes, `concurrency` at a time, each retried like the extension's outbox (same
 * Idempotency-Key, backoff) on no answer or 502/503/504; `onAck(n)` runs after each acknowledgement.
 */
export async function burst(options: {
  port: number;
  count: number;
  concurrency: number;
  write: (i: number) => {
    method: string;
    path: string;
    token: string;
    body: unknown;
  };
  onAck?: (acknowledged: number) => void | Promise<void>;
  retries?: number;
}): Promise<BurstResult> {
  const result: BurstResult = {
    acknowledged: new Set(),
    statuses: {},
    retries: 0
  };
  let cursor = 0;
  const worker = async (): Promise<void> => {
    while (cursor < options.count) {
      const i = cursor++;
      const write = options.write(i);
      const key = randomUUID();
      for (let attempt = 0; attempt <= (options.retries ?? 10); attempt++) {
        if (attempt > 0) {
          result.retries++;
          await new Promise(r =>
            setTimeout(r, Math.min(2000, 100 * 2 ** attempt))
          );
        }
        let status: number;
        try {
          status = (
            await send(
              options.port,
              write.method,
              write.path,
              {
                authorization: `Bearer ${write.token}`,
                'idempotency-key': key
              },
              write.body
            )
          ).status;
        } catch {
          status = 0; // no answer: the connection died with its instance
        }
        result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        if (status === 200 || status === 201) {
          result.acknowledged.add(i);
          await options.onAck?.(result.acknowledged.size);
          break;
        }
        if (![0, 502, 503, 504].includes(status)) break;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
