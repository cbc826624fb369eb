/**
 * The service's port, answered with 503 "starting" while the app starts.
 *
 * JupyterHub gives a managed service ten one-second tries to answer HTTP and exits the whole hub
 * otherwise. Loading the modules, starting the embedded database and migrating can take longer on a
 * busy or small machine; any HTTP answer counts as "up" for the hub, and clients see a clear 503
 * with Retry-After, which they already retry, instead of a refused connection.
 */
import { createServer, type Server } from 'node:http';

/** What a request gets while the service starts. */
const STARTING = JSON.stringify({
  statusCode: 503,
  code: 'starting',
  message: 'the service is starting; retry in a moment'
});

/** A listener that holds the port until `release()`, after which the app listens there. */
export interface HeldPort {
  release(): Promise<void>;
}

/** Listens on host:port and answers every request with 503 until released. */
export async function holdPort(host: string, port: number): Promise<HeldPort> {
  const server: Server = createServer((_request, response) => {
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
