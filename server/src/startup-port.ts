/**
 * The service's port, answered with 503 "starting" while the app starts.
 *
 * JupyterHub gives a managed service ten one-second tries to answer HTTP at its prefix and exits the
 * whole hub otherwise; only a non-5xx answer counts as "up" (jupyterhub/utils.py wait_for_http_server).
 * Loading the modules, starting the embedded database and migrating can take longer on a busy or small
 * machine. So the hub's liveness probe (GET of the prefix itself) gets 200 "starting": the process is
 * alive. Every other request gets a clear 503 with Retry-After, which clients already retry, instead of
 * a refused connection; readiness stays at `<prefix>/ready`, which answers 503 until the app is up.
 */
import { createServer, type Server } from 'node:http';

/** What a request gets while the service starts. */
const STARTING = JSON.stringify({
  statusCode: 503,
  code: 'starting',
  message: 'the service is starting; retry in a moment'
});

/** What the hub's liveness probe gets while the service starts. */
const ALIVE = JSON.stringify({ status: 'starting' });

/** A listener that holds the port until `release()`, after which the app listens there. */
export interface HeldPort {
  release(): Promise<void>;
}

/**
 * Listens on host:port until released: 200 to GET/HEAD of `livenessPath` (the hub's probe of the
 * service's prefix, e.g. '/services/catalyst/'), 503 to everything else.
 */
export async function holdPort(
  host: string,
  port: number,
  livenessPath: string
): Promise<HeldPort> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (
      path === livenessPath &&
      (request.method === 'GET' || request.method === 'HEAD')
    ) {
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        connection: 'close'
      });
      response.end(ALIVE);
      return;
    }
    response.writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': '2',
      connection: 'close'
    });
    response.end(STARTING);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    release: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
  };
}
