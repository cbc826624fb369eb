/** A stand-in for JupyterHub's `GET /hub/api/user`, answering by token. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake hub answers for one token. */
export type HubAnswer =
  { user: Record<string, unknown> } | { status: number } | { hang: true };

/** A running fake hub. */
export interface FakeHub {
  /** The value for JUPYTERHUB_API_URL. */
  apiUrl: string;
  /** How many times `/hub/api/user` was called. */
  calls: number;
  /** Tokens it knows; unknown tokens get 403, as JupyterHub answers. */
  tokens: Map<string, HubAnswer>;
  close(): Promise<void>;
}

/** A hub user model with the access scope for the service, as JupyterHub 5 returns it. */
export function hubUser(
  name: string,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    kind: 'user',
    name,
    admin: false,
    groups: [],
    scopes: [
      'access:services!service=catalyst',
      'read:users:name!user=' + name
    ],
    ...extra
  };
}

/** Starts the fake hub on a free loopback port. */
export async function startFakeHub(): Promise<FakeHub> {
  const tokens = new Map<string, HubAnswer>();
  const hub: FakeHub = {
    apiUrl: '',
    calls: 0,
    tokens,
    close: async () => undefined
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/hub/api/user') {
      res.writeHead(404).end();
      return;
    }
    hub.calls++;
    const token =
      /^token (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const answer = tokens.get(token);
    if (!answer) {
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end('{"status":403}');
    } else if ('hang' in answer) {
      // Never answers: the service must give up on its own.
    } else if ('status' in answer) {
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end('{}');
    } else {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer.user));
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  hub.apiUrl = `http://127.0.0.1:${port}/hub/api`;
  hub.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return hub;
}
