/** The hub's REST API acting with the service's own token: users, servers, groups, version and info. */
import type { Logger } from '../../logger.js';

/** A hub answer: its status and parsed JSON body (null when empty or not JSON). */
export interface HubAnswer {
  status: number;
  body: unknown;
}

/** One page of the hub's paginated listing. */
export interface HubPage<T> {
  items: T[];
  total: number;
}

/** The user model fields the console reads (hub-admin.md §2.1). */
export interface HubUserModel {
  name: string;
  admin: boolean;
  groups: string[];
  created: string | null;
  last_activity: string | null;
  servers: Record<
    string,
    {
      name: string;
      ready: boolean;
      pending: string | null;
      started: string | null;
      last_activity: string | null;
      url: string;
      stopped?: boolean;
    }
  >;
}

/** The group model fields the console reads. */
export interface HubGroupModel {
  name: string;
  users: string[];
  properties: Record<string, unknown>;
}

/** Listing options passed to `GET /users`. */
export interface UserQuery {
  offset: number;
  limit: number;
  nameFilter?: string;
  state?: 'active' | 'inactive' | 'ready';
  sort?: string;
}

/** Thrown when the hub cannot be reached or answers with something unreadable. */
export class HubUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubUnreachable';
  }
}

const PAGINATED = 'application/jupyterhub-pagination+json';

/** Calls the hub API with the service token; answers are returned, never thrown, except when unreachable. */
export class HubAdminClient {
  constructor(
    private readonly options: {
      url: string;
      token: string;
      timeoutMs: number;
      log: Logger;
    }
  ) {}

  /** One request; the path is relative to `/hub/api` and must already be encoded. */
  async call(
    method: string,
    path: string,
    body?: unknown,
    accept = 'application/json',
    timeoutMs = this.options.timeoutMs
  ): Promise<HubAnswer> {
    const { url, token, log } = this.options;
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: {
          Authorization: `token ${token}`,
          Accept: accept,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs)
      });
    } catch (error) {
      log.warn({ err: error, method, path }, 'hub unreachable');
      throw new HubUnreachable('JupyterHub cannot be reached');
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { message: text.slice(0, 500) };
      }
    }
    return { status: response.status, body: parsed };
  }

  /** `GET /users` with the pagination API. */
  async listUsers(query: UserQuery): Promise<HubAnswer> {
    const params = new URLSearchParams({
      offset: String(query.offset),
      limit: String(query.limit),
      include_stopped_servers: '1'
    });
    if (query.nameFilter) params.set('name_filter', query.nameFilter);
    if (query.state) params.set('state', query.state);
    if (query.sort) params.set('sort', query.sort);
    return this.call('GET', `/users?${params}`, undefined, PAGINATED);
  }

  /** Every user matching the hub-side filters, read 200 at a time (for filters the hub cannot apply). */
  async scanUsers(
    query: Pick<UserQuery, 'nameFilter' | 'state' | 'sort'>
  ): Promise<HubAnswer & { users: HubUserModel[] }> {
    const users: HubUserModel[] = [];
    for (let offset = 0; ; offset += 200) {
      const answer = await this.listUsers({ ...query, offset, limit: 200 });
      if (answer.status !== 200) return { ...answer, users };
      const page = answer.body as { items?: HubUserModel[] };
      const items = page.items ?? [];
      users.push(...items);
      if (items.length < 200) return { ...answer, users };
    }
  }

  /** The hub's Prometheus metrics (`/hub/metrics`, needs `read:metrics`), as text; null when refused. */
  async metrics(): Promise<string | null> {
    const { url, token, timeoutMs, log } = this.options;
    try {
      const response = await fetch(url.replace(/\/api\/?$/, '/metrics'), {
        headers: { Authorization: `token ${token}` },
        signal: AbortSignal.timeout(timeoutMs)
      });
      const text = await response.text();
      return response.status === 200 ? text : null;
    } catch (error) {
      log.warn({ err: error }, 'hub metrics unreachable');
      throw new HubUnreachable('JupyterHub cannot be reached');
    }
  }

  /** Opens the hub's spawn-progress event stream of one server; the caller reads and closes the body. */
  async progressStream(path: string, signal: AbortSignal): Promise<Response> {
    const { url, token, log } = this.options;
    try {
      return await fetch(`${url}${path}`, {
        headers: {
          Authorization: `token ${token}`,
          Accept: 'text/event-stream'
        },
        signal
      });
    } catch (error) {
      log.warn({ err: error, path }, 'hub progress stream unreachable');
      throw new HubUnreachable('JupyterHub cannot be reached');
    }
  }

  /** `GET /groups` page by page until all are read (groups are few; the hub has no name filter). */
  async allGroups(): Promise<HubAnswer & { groups: HubGroupModel[] }> {
    const groups: HubGroupModel[] = [];
    for (let offset = 0; ; offset += 200) {
      const answer = await this.call(
        'GET',
        `/groups?offset=${offset}&limit=200`,
        undefined,
        PAGINATED
      );
      if (answer.status !== 200) return { ...answer, groups };
      const page = answer.body as { items?: HubGroupModel[] };
      const items = page.items ?? [];
      groups.push(...items);
      if (items.length < 200) return { ...answer, groups };
    }
  }
}

/** The hub answers a spawn or stop within its slow_spawn/slow_stop timeouts (10 s each, then 202); under the 30 s request timeout. */
export const SERVER_ACTION_TIMEOUT_MS = 25000;

/** `/users/{name}` with the name encoded. */
export function userPath(name: string, rest = ''): string {
  return `/users/${encodeURIComponent(name)}${rest}`;
}

/** `/groups/{name}` with the name encoded. */
export function groupPath(name: string, rest = ''): string {
  return `/groups/${encodeURIComponent(name)}${rest}`;
}

/** The server path of a user's default (name '') or named server. */
export function serverPath(user: string, server: string): string {
  return server
    ? userPath(user, `/servers/${encodeURIComponent(server)}`)
    : userPath(user, '/server');
}
