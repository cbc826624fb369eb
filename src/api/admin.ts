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
}

/** The server-state filter of the hub's listing. */
export type UserState = '' | 'active' | 'inactive' | 'ready';

/** The sort orders the hub offers. */
export type UserSort = 'name' | '-name' | 'last_activity' | '-last_activity';

/** What the users table asks for. */
export interface IUserQuery {
  nameFilter: string;
  state: UserState;
  sort: UserSort;
  offset: number;
  limit: number;
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
  features: { sort: boolean; groupProperties: boolean };
  adminUrl: string;
}

/** A group and its members. */
export interface IGroup {
  name: string;
  users: string[];
  memberCount: number;
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

/** The admin console's API over the Catalyst client. */
export class AdminApi {
  constructor(private readonly _client: ICatalystClient) {}

  /** A page of the hub's users. */
  listUsers(query: IUserQuery): Promise<IUserPage> {
    const params = new URLSearchParams({
      offset: String(query.offset),
      limit: String(query.limit),
      sort: query.sort
    });
    if (query.nameFilter) {
      params.set('name_filter', query.nameFilter);
    }
    if (query.state) {
      params.set('state', query.state);
    }
    return this._client.request<IUserPage>(`api/admin/users?${params}`);
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
