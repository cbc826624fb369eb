/** An in-memory stand-in for the parts of JupyterHub's REST API the admin console uses. */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http';
import type { AddressInfo } from 'node:net';

interface FakeUser {
  name: string;
  admin: boolean;
  running: boolean;
  /** ISO time, or null/absent for a user who never logged in. */
  lastActivity?: string | null;
  /** Named servers: name → running. */
  named?: Record<string, boolean>;
}

/** A running fake hub with users and groups tests can inspect. */
export interface FakeAdminHub {
  apiUrl: string;
  users: Map<string, FakeUser>;
  groups: Map<string, Set<string>>;
  /** Group properties by group name (absent = {}). */
  groupProperties: Map<string, Record<string, unknown>>;
  /** The `/hub/metrics` text, or null to answer 403 as a hub without `read:metrics` would. */
  metrics: string | null;
  /** Every request as "METHOD path". */
  requests: string[];
  close(): Promise<void>;
}

async function readJson(
  req: IncomingMessage
): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Starts the fake hub with the given users (name → admin). */
export async function startFakeAdminHub(
  users: Record<string, boolean>
): Promise<FakeAdminHub> {
  const hub: FakeAdminHub = {
    apiUrl: '',
    users: new Map(
      Object.entries(users).map(([name, admin]) => [
        name,
        { name, admin, running: false }
      ])
    ),
    groups: new Map([['hub-champions', new Set<string>()]]),
    groupProperties: new Map(),
    metrics: null,
    requests: [],
    close: async () => undefined
  };
  const serverModel = (u: FakeUser, name: string, running: boolean) => ({
    name,
    ready: running,
    pending: null,
    started: running ? '2026-01-01T00:00:00Z' : null,
    last_activity: null,
    url: `/user/${u.name}/${name ? `${name}/` : ''}`
  });
  const model = (u: FakeUser) => ({
    kind: 'user',
    name: u.name,
    admin: u.admin,
    groups: [...hub.groups].filter(([, m]) => m.has(u.name)).map(([g]) => g),
    created: '2026-01-01T00:00:00Z',
    last_activity: u.lastActivity ?? null,
    servers: {
      ...(u.running ? { '': serverModel(u, '', true) } : {}),
      ...Object.fromEntries(
        Object.entries(u.named ?? {}).map(([name, running]) => [
          name,
          serverModel(u, name, running)
        ])
      )
    }
  });
  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  async function handle(
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname.replace(/^\/hub\/api/, ''));
    hub.requests.push(`${req.method} ${path}`);
    const body = await readJson(req);
    const send = (status: number, value?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(value === undefined ? '' : JSON.stringify(value));
    };
    let m: RegExpExecArray | null;
    if (url.pathname === '/hub/metrics') {
      if (hub.metrics === null)
        return send(403, { status: 403, message: 'Forbidden' });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(hub.metrics);
      return;
    }
    if (path === '/' && req.method === 'GET')
      return send(200, { version: '5.4.6' });
    if (path === '/info') {
      return send(200, {
        version: '5.4.6',
        authenticator: { class: 'DummyAuthenticator', version: '5.4.6' },
        spawner: { class: 'SimpleLocalProcessSpawner', version: '5.4.6' }
      });
    }
    if (path === '/users' && req.method === 'GET') {
      // The hub's filter is ILIKE '%filter%' and its order SQL's (nulls first ascending, last descending).
      const filter = (url.searchParams.get('name_filter') ?? '')
        .split('')
        .map(c =>
          c === '%'
            ? '.*'
            : c === '_'
              ? '.'
              : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        )
        .join('');
      const all = [...hub.users.values()].filter(u =>
        new RegExp(filter, 'iu').test(u.name)
      );
      const sort = url.searchParams.get('sort') ?? 'id';
      const desc = sort.startsWith('-') ? -1 : 1;
      const column = sort.replace(/^-/, '');
      if (column === 'name') {
        all.sort((a, b) =>
          a.name < b.name ? -desc : a.name > b.name ? desc : 0
        );
      } else if (column === 'last_activity') {
        const at = (u: FakeUser) =>
          u.lastActivity ? Date.parse(u.lastActivity) : null;
        all.sort((a, b) => {
          const x = at(a);
          const y = at(b);
          if (x === null || y === null) {
            if (x === y) return 0;
            return (x === null) === (desc === 1) ? -1 : 1;
          }
          return (x - y) * desc;
        });
      }
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      return send(200, {
        items: all.slice(offset, offset + limit).map(model),
        _pagination: { offset, limit, total: all.length, next: null }
      });
    }
    if (path === '/users' && req.method === 'POST') {
      const names = body.usernames as string[];
      for (const name of names)
        hub.users.set(name, { name, admin: false, running: false });
      return send(
        201,
        names.map(name => model(hub.users.get(name) as FakeUser))
      );
    }
    if ((m = /^\/users\/([^/]+)$/.exec(path))) {
      const user = hub.users.get(m[1] as string);
      if (!user) return send(404, { status: 404, message: 'Not Found' });
      if (req.method === 'DELETE') {
        hub.users.delete(user.name);
        return send(204);
      }
      if (req.method === 'PATCH') {
        if (typeof body.name === 'string') {
          // A rename keeps the user's id, so their place in the hub's default order.
          const entries = [...hub.users.entries()];
          const old = user.name;
          user.name = body.name;
          hub.users.clear();
          for (const [key, u] of entries)
            hub.users.set(key === old ? u.name : key, u);
        }
        if (typeof body.admin === 'boolean') user.admin = body.admin;
        return send(200, model(user));
      }
      return send(200, model(user));
    }
    if (
      (m = /^\/users\/([^/]+)\/server(?:s\/([^/]+))?\/progress$/.exec(path))
    ) {
      const user = hub.users.get(m[1] as string);
      if (!user) return send(404, { status: 404, message: 'Not Found' });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"progress": 50, "message": "Spawning server..."}\n\n');
      res.end(
        `data: {"progress": 100, "ready": true, "message": "Server ready at /user/${user.name}/", "url": "/user/${user.name}/"}\n\n`
      );
      return;
    }
    if ((m = /^\/users\/([^/]+)\/server(?:s\/([^/]+))?$/.exec(path))) {
      const user = hub.users.get(m[1] as string);
      if (!user) return send(404, { status: 404, message: 'Not Found' });
      const running = req.method === 'POST';
      if (m[2]) {
        user.named ??= {};
        if (body.remove === true) delete user.named[m[2]];
        else user.named[m[2]] = running;
      } else user.running = running;
      return send(running ? 201 : 204);
    }
    if (path === '/groups') {
      return send(200, {
        items: [...hub.groups].map(([name, members]) => ({
          kind: 'group',
          name,
          users: [...members],
          properties: hub.groupProperties.get(name) ?? {}
        })),
        _pagination: {
          offset: 0,
          limit: 200,
          total: hub.groups.size,
          next: null
        }
      });
    }
    if ((m = /^\/groups\/([^/]+)\/properties$/.exec(path))) {
      const name = m[1] as string;
      if (!hub.groups.has(name))
        return send(404, { status: 404, message: 'Not Found' });
      hub.groupProperties.set(name, body);
      return send(200, { name, properties: body });
    }
    if ((m = /^\/groups\/([^/]+)(\/users)?$/.exec(path))) {
      const name = m[1] as string;
      const group = hub.groups.get(name);
      if (!m[2]) {
        if (req.method === 'POST') {
          if (group) return send(409, { status: 409, message: 'exists' });
          hub.groups.set(name, new Set());
          return send(201, { name, users: [] });
        }
        if (!group) return send(404, { status: 404, message: 'Not Found' });
        if (req.method === 'DELETE') {
          hub.groups.delete(name);
          return send(204);
        }
        return send(200, {
          name,
          users: [...group],
          properties: hub.groupProperties.get(name) ?? {}
        });
      }
      if (!group) return send(404, { status: 404, message: 'Not Found' });
      for (const u of body.users as string[]) {
        if (req.method === 'POST') group.add(u);
        else group.delete(u);
      }
      return send(200, { name, users: [...group] });
    }
    return send(404, { status: 404, message: 'Not Found' });
  }
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
