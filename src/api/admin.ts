/** The admin console's calls to the service (`api/admin/...`), typed after the service's schemas. */
import type { ICatalystClient } from '../tokens';

/** One server of a user; the default server has the name ''. */
export interface IAdminServer {
  name: string;
  ready: boolean;
  pending: string | null;
  started: string | null;
  last_activity: string | null;
  url: string;
}

/** A row of the users table. */
export interface IAdminUser {
  name: string;
  admin: boolean;
  groups: string[];
  servers: IAdminServer[];
  last_activity: string | null;
  created: string | null;
  /** Training progress on this hub, or null when the user has none. */
  training: ITrainingSummary | null;
}

/** A user's training progress: steps passed, tutorials touched, last change. */
export interface ITrainingSummary {
  passedSteps: number;
  tutorials: number;
  updatedAt: string;
}

/** Filters the service applies over the hub's listing ('' or undefined = any). */
export interface IUserFilters {
  nameFilter: string;
  state: UserState;
  admin: '' | 'yes' | 'no';
  group: string;
  neverLoggedIn: boolean;
  /** 0 = no inactivity filter. */
  inactiveDays: number;
}

/** The server-state filter of the hub's listing. */
export type UserState = '' | 'active' | 'inactive' | 'ready';

/** The sort orders the hub offers. */
export type UserSort = 'name' | '-name' | 'last_activity' | '-last_activity';

/** What the users table asks for. */
export interface IUserQuery extends IUserFilters {
  sort: UserSort;
  offset: number;
  limit: number;
}

/** Every name matching a filter (capped by the service). */
export interface IUserNames {
  names: string[];
  total: number;
  truncated: boolean;
}

/** The latest spawn-progress event of a server. */
export interface ISpawnProgress {
  progress: number;
  message: string;
  ready: boolean;
  failed: boolean;
}

/** The hub's totals and where they come from. */
export interface IHubTotals {
  users: number;
  runningServers: number;
  active24h: number;
  active7d: number;
  active30d: number;
  source: 'metrics' | 'listing';
}

/** A page of users. */
export interface IUserPage {
  items: IAdminUser[];
  total: number;
  offset: number;
  limit: number;
}

/** How one pasted name is handled. */
export interface INameCheck {
  input: string;
  name: string;
  status: 'new' | 'exists' | 'invalid' | 'duplicate';
  reason: string;
}

/** The preview, or the result once confirmed, of adding users. */
export interface IAddUsersResult {
  confirmed: boolean;
  names: INameCheck[];
  created: string[];
  group: string | null;
  groupExists: boolean;
  addedToGroup: string[];
}

/** What the hub is and how people log in. */
export interface IHubInfo {
  version: string;
  authenticator: { class: string; version: string };
  spawner: { class: string; version: string };
  features: { sort: boolean; groupProperties: boolean; progress: boolean };
  adminUrl: string;
}

/** A property value of a group. */
export type GroupPropertyValue = string | number | boolean;

/** A group and its members; `managed` says why the console may not edit it. */
export interface IGroup {
  name: string;
  users: string[];
  memberCount: number;
  properties: Record<string, unknown>;
  managed: string | null;
  /** The Catalyst role this group gives its members; the service refuses to delete such a group. */
  grantsRole: 'hub-champion' | 'community-champion' | 'core-team' | null;
}

/** One line of the audit log. */
export interface IAuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: Record<string, unknown>;
}

/** Filters of the audit view. */
export interface IAuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  offset?: number;
  limit?: number;
}

const enc = encodeURIComponent;

function serverPath(user: string, server: string): string {
  return server
    ? `api/admin/users/${enc(user)}/servers/${enc(server)}`
    : `api/admin/users/${enc(user)}/server`;
}

function auditParams(query: IAuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function filterParams(filters: IUserFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.nameFilter) {
    params.set('name_filter', filters.nameFilter);
  }
  if (filters.state) {
    params.set('state', filters.state);
  }
  if (filters.admin) {
    params.set('admin', String(filters.admin === 'yes'));
  }
  if (filters.group) {
    params.set('group', filters.group);
  }
  if (filters.neverLoggedIn) {
    params.set('never_logged_in', 'true');
  }
  if (filters.inactiveDays > 0) {
    params.set('inactive_days', String(filters.inactiveDays));
  }
  return params;
}

/** The admin console's API over the Catalyst client. */
export class AdminApi {
  constructor(private readonly _client: ICatalystClient) {}

  /** A page of the hub's users. */
  listUsers(query: IUserQuery): Promise<IUserPage> {
    const params = filterParams(query);
    params.set('offset', String(query.offset));
    params.set('limit', String(query.limit));
    params.set('sort', query.sort);
    return this._client.request<IUserPage>(`api/admin/users?${params}`);
  }

  /** Every user name matching the filters, for a bulk action on all of them. */
  matchingNames(filters: IUserFilters): Promise<IUserNames> {
    const params = filterParams(filters).toString();
    return this._client.request<IUserNames>(
      `api/admin/users/names${params ? `?${params}` : ''}`
    );
  }

  /** Restart a user's default ('') or named server. */
  restartServer(user: string, server = ''): Promise<unknown> {
    return this._client.request(`${serverPath(user, server)}/restart`, {
      method: 'POST'
    });
  }

  /** Delete a stopped named server. */
  removeServer(user: string, server: string): Promise<unknown> {
    return this._client.request(`${serverPath(user, server)}?remove=true`, {
      method: 'DELETE'
    });
  }

  /** The latest progress of a starting server. */
  spawnProgress(user: string, server = ''): Promise<ISpawnProgress> {
    return this._client.request<ISpawnProgress>(
      `${serverPath(user, server)}/progress/latest`
    );
  }

  /**
   * The text of a starting server's progress event stream, chunk by chunk as it arrives; null when the
   * client cannot open streams. Throws when the stream cannot be opened or breaks.
   */
  spawnProgressStream(
    user: string,
    server: string,
    signal: AbortSignal
  ): AsyncIterable<string> | null {
    const stream = this._client.stream?.bind(this._client);
    if (!stream) {
      return null;
    }
    const path = `${serverPath(user, server)}/progress`;
    return {
      async *[Symbol.asyncIterator]() {
        const response = await stream(path, signal);
        const reader = (
          response.body as ReadableStream<Uint8Array>
        ).getReader();
        const decoder = new TextDecoder();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) {
              return;
            }
            yield decoder.decode(value, { stream: true });
          }
        } finally {
          await reader.cancel().catch(() => undefined);
        }
      }
    };
  }

  /** The hub's totals. */
  totals(): Promise<IHubTotals> {
    return this._client.request<IHubTotals>('api/admin/totals');
  }

  /** Start a user's default ('') or named server. */
  startServer(user: string, server = ''): Promise<unknown> {
    return this._client.request(serverPath(user, server), { method: 'POST' });
  }

  /** Stop a user's default ('') or named server. */
  stopServer(user: string, server = ''): Promise<unknown> {
    return this._client.request(serverPath(user, server), {
      method: 'DELETE'
    });
  }

  /** Preview (or, with confirm, create) users from pasted names. */
  addUsers(
    usernames: string[],
    group: string,
    confirm: boolean
  ): Promise<IAddUsersResult> {
    return this._client.request<IAddUsersResult>('api/admin/users', {
      method: 'POST',
      body: { usernames, confirm, ...(group ? { group } : {}) }
    });
  }

  /** Delete a user; their files are kept. */
  deleteUser(user: string): Promise<unknown> {
    return this._client.request(`api/admin/users/${enc(user)}`, {
      method: 'DELETE'
    });
  }

  /** Groups whose name contains `search`. */
  listGroups(search = ''): Promise<{ items: IGroup[]; total: number }> {
    const query = search ? `?search=${enc(search)}` : '';
    return this._client.request(`api/admin/groups${query}`);
  }

  /** Add users to a group. */
  addMembers(group: string, users: string[]): Promise<unknown> {
    return this._client.request(`api/admin/groups/${enc(group)}/users`, {
      method: 'POST',
      body: { users }
    });
  }

  /** Remove users from a group. */
  removeMembers(group: string, users: string[]): Promise<unknown> {
    return this._client.request(`api/admin/groups/${enc(group)}/users`, {
      method: 'DELETE',
      body: { users }
    });
  }

  /** Create an empty group. */
  createGroup(group: string): Promise<unknown> {
    return this._client.request(`api/admin/groups/${enc(group)}`, {
      method: 'POST'
    });
  }

  /** Delete a group (its members stay users of the hub). */
  deleteGroup(group: string): Promise<unknown> {
    return this._client.request(`api/admin/groups/${enc(group)}`, {
      method: 'DELETE'
    });
  }

  /** Replace a group's properties. */
  setGroupProperties(
    group: string,
    properties: Record<string, GroupPropertyValue>
  ): Promise<unknown> {
    return this._client.request(`api/admin/groups/${enc(group)}/properties`, {
      method: 'PUT',
      body: { properties }
    });
  }

  /** The hub's version and authenticator. */
  info(): Promise<IHubInfo> {
    return this._client.request<IHubInfo>('api/admin/info');
  }

  /** A page of the audit log, newest first. */
  listAudit(
    query: IAuditQuery
  ): Promise<{ items: IAuditEntry[]; total: number }> {
    return this._client.request(`api/admin/audit${auditParams(query)}`);
  }

  /** The audit log as CSV. */
  exportAudit(query: IAuditQuery): Promise<{ filename: string; csv: string }> {
    return this._client.request(
      `api/admin/audit/export${auditParams({ ...query, offset: undefined, limit: undefined })}`
    );
  }
}
