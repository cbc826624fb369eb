/** A loopback TCP proxy that can be cut and restored, to take a database "down" and back. */
import {
  createConnection,
  createServer,
  type Server,
  type Socket
} from 'node:net';
import type { AddressInfo } from 'node:net';

/** A running proxy to one target. */
export interface TcpProxy {
  port: number;
  /** Closes the listener and every open connection. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** Proxies 127.0.0.1:<free port> to host:port. */
export async function startTcpProxy(
  host: string,
  port: number
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let listenPort = 0;
  const listen = async (): Promise<void> => {
    server = createServer(client => {
      const upstream = createConnection({ host, port });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>(resolve =>
      server?.listen(listenPort, '127.0.0.1', resolve)
    );
    listenPort = (server.address() as AddressInfo).port;
  };
  await listen();
  return {
    get port() {
      return listenPort;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>(resolve =>
        server ? server.close(() => resolve()) : resolve()
      );
      server = null;
    },
    start: listen
  };
}
