/** Admin console rules: what a Hub Champion may do to the hub's users, servers and groups, all audited. */
import type { Config } from '../../config.js';
import { AppError } from '../../http-errors.js';
import {
  groupPath,
  HubUnreachable,
  SERVER_ACTION_TIMEOUT_MS,
  serverPath,
  userPath,
  type HubAdminClient,
  type HubAnswer,
  type HubGroupModel,
  type HubUserModel
} from './admin.hub.js';
import { matchesFilters, needsScan } from './admin.filters.js';
import type {
  AuditRecord,
  AuditRepository,
  TrainingSummaryReader
} from './admin.repository.js';
import type {
  AddUsersBody,
  AddUsersResult,
  AdminUser,
  AuditQuery,
  Group,
  HubInfo,
  HubTotals,
  ServerAction,
  SpawnProgress,
  UserEditBody,
  UserListQuery,
  UserNames,
  UserNamesQuery,
  UserPage
} from './admin.schemas.js';
import { totalsFromMetrics, totalsFromUsers } from './admin.totals.js';
import {
  checkNames,
  csvCell,
  filtersOf,
  hubError,
  hubMessage,
  lastProgressEvent,
  managedReason,
  mapLimited,
  MANAGED_PROPERTY,
  toAdminUser
} from './admin.convert.js';

/** What the admin service needs from the app. */
export interface AdminServiceDeps {
  config: Config;
  hub: HubAdminClient | null;
  audit: AuditRepository;
  training: TrainingSummaryReader;
  /** Injectable clock for the activity filters and caches. */
  now?: () => number;
}

/**
 * How long a full read of the listing serves the next pages of a filtered view and the totals.
 *
 * #### Notes
 * The first page of a filter and every "all that match" read the hub again, and any change made through
 * the console drops the cache, so only paging forward may show data up to this old.
 */
const SCAN_TTL_MS = 15000;

/** At most this many names are returned for a bulk action on "all that match". */
export const MAX_MATCHING_NAMES = 5000;

/** How long the latest-progress read waits for one more event before answering what it has. */
const PROGRESS_IDLE_MS = 300;

/** The admin console's operations. */
export function createAdminService(deps: AdminServiceDeps) {
  const { config, audit } = deps;
  const now = deps.now ?? Date.now;
  const adminUrl = `${config.hubPublicUrl.replace(/\/+$/, '')}/hub/admin`;
  const scans = new Map<string, { at: number; users: HubUserModel[] }>();
  let totalsCache: { at: number; totals: HubTotals } | null = null;

  function hub(): HubAdminClient {
    if (!deps.hub) {
      throw new AppError(
        503,
        'hub_unreachable',
        'no hub is configured for this service'
      );
    }
    return deps.hub;
  }

  /** Runs a hub request, turning "unreachable" into the service's 503. */
  async function reach<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof HubUnreachable) {
        throw new AppError(
          503,
          'hub_unreachable',
          'JupyterHub cannot be reached; try again shortly'
        );
      }
      throw error;
    }
  }

  /** Calls the hub's REST API (unreachable → 503). */
  async function call(
    method: string,
    path: string,
    body?: unknown
  ): Promise<HubAnswer> {
    const slow = /\/servers?(\/|$)/.test(path.split('?')[0] ?? '');
    return reach(() =>
      hub().call(
        method,
        path,
        body,
        'application/json',
        slow ? SERVER_ACTION_TIMEOUT_MS : undefined
      )
    );
  }

  async function record(entry: Omit<AuditRecord, 'hubId'>): Promise<void> {
    await audit.record({ ...entry, hubId: config.hubId });
  }

  /** Records a refusal by the service's own rules, then throws it. */
  async function refuse(
    actor: string,
    action: string,
    target: string | null,
    error: AppError
  ): Promise<never> {
    await record({
      actor,
      action,
      target,
      outcome: 'refused',
      detail: { status: error.statusCode, message: error.message }
    });
    throw error;
  }

  /** Sends a mutation to the hub and audits its answer; throws if the hub refused it. */
  async function mutate(
    actor: string,
    action: string,
    target: string | null,
    request: { method: string; path: string; body?: unknown },
    extra: Record<string, unknown> = {}
  ): Promise<HubAnswer> {
    let answer: HubAnswer;
    scans.clear();
    totalsCache = null;
    try {
      answer = await call(request.method, request.path, request.body);
    } catch (error) {
      await record({
        actor,
        action,
        target,
        outcome: 'failed',
        detail: { ...extra, message: (error as Error).message }
      });
      throw error;
    }
    const ok = answer.status >= 200 && answer.status < 300;
    await record({
      actor,
      action,
      target,
      outcome: ok ? 'ok' : 'failed',
      detail: {
        ...extra,
        status: answer.status,
        ...(ok ? {} : { answer: hubMessage(answer) })
      }
    });
    if (!ok) throw hubError(answer, `${action} ${target ?? ''}`.trim());
    return answer;
  }

  async function getUser(name: string): Promise<HubUserModel | null> {
    const answer = await call('GET', userPath(name));
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw hubError(answer, `reading user ${name}`);
    return answer.body as HubUserModel;
  }

  /** Every user matching the hub-side part of a query, from a short-lived cache. */
  async function scan(
    query: {
      name_filter?: string;
      state?: UserListQuery['state'];
      sort?: UserListQuery['sort'];
    },
    fresh: boolean
  ): Promise<HubUserModel[]> {
    const key = JSON.stringify([query.name_filter, query.state, query.sort]);
    const cached = scans.get(key);
    if (!fresh && cached && now() - cached.at < SCAN_TTL_MS) {
      return cached.users;
    }
    const answer = await reach(() =>
      hub().scanUsers({
        nameFilter: query.name_filter,
        state: query.state,
        sort: query.sort
      })
    );
    if (answer.status !== 200) throw hubError(answer, 'listing users');
    scans.set(key, { at: now(), users: answer.users });
    return answer.users;
  }

  /** Adds each row's training summary (read-only) to a page of rows. */
  async function withTraining(rows: AdminUser[]): Promise<AdminUser[]> {
    const summaries = await deps.training.summaries(
      config.hubId,
      rows.map(r => r.name)
    );
    return rows.map(r => ({ ...r, training: summaries.get(r.name) ?? null }));
  }

  async function getGroup(group: string): Promise<HubGroupModel | null> {
    const answer = await call('GET', groupPath(group));
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw hubError(answer, `reading group ${group}`);
    return answer.body as HubGroupModel;
  }

  /** Refuses an edit of a group the authenticator manages (it would be undone at the next login). */
  async function refuseIfManaged(
    actor: string,
    action: string,
    group: string
  ): Promise<void> {
    const model = await getGroup(group);
    const reason = model ? managedReason(model) : null;
    if (reason) {
      await refuse(
        actor,
        action,
        group,
        new AppError(
          409,
          'conflict',
          `${group} is managed by the hub's login system (${reason}); edits here would be undone at the next login`
        )
      );
    }
  }

  /** Refuses an action on the caller's own server (the console runs in it). */
  async function refuseOwnServer(
    actor: string,
    action: string,
    name: string,
    target: string
  ): Promise<void> {
    if (name === actor) {
      await refuse(
        actor,
        action,
        target,
        new AppError(
          403,
          'forbidden',
          'this console runs on your own server; stop it from File > Hub Control Panel instead'
        )
      );
    }
  }

  /** Waits until a stopping server has stopped (the hub answered 202), up to the server action timeout. */
  async function waitStopped(name: string, server: string): Promise<boolean> {
    const deadline = now() + SERVER_ACTION_TIMEOUT_MS;
    while (now() < deadline) {
      const user = await getUser(name);
      const model = user?.servers?.[server];
      if (!model || (!model.pending && !model.ready)) return true;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    return false;
  }

  /** The role a group gives its members, or null; deleting such a group would take the role from all of them. */
  function roleOfGroup(group: string): Group['grantsRole'] {
    const { hubChampionGroup, communityChampionGroup, coreTeamGroup } =
      config.roles;
    if (group === hubChampionGroup) return 'hub-champion';
    if (group === communityChampionGroup) return 'community-champion';
    if (group === coreTeamGroup) return 'core-team';
    return null;
  }

  function adminProtected(what: string): AppError {
    return new AppError(
      403,
      'admin_protected',
      `${what}: hub admins are managed by the hub's operators, not from this console; see ${adminUrl}`
    );
  }

  return {
    /** A page of users from the hub's pagination API. */
    async listUsers(query: UserListQuery): Promise<UserPage> {
      const filters = filtersOf(query);
      if (needsScan(filters)) {
        const matching = (await scan(query, query.offset === 0)).filter(
          matchesFilters(filters, now())
        );
        const rows = matching
          .slice(query.offset, query.offset + query.limit)
          .map(toAdminUser);
        return {
          items: await withTraining(rows),
          total: matching.length,
          offset: query.offset,
          limit: query.limit
        };
      }
      const answer = await reach(() =>
        hub().listUsers({
          offset: query.offset,
          limit: query.limit,
          nameFilter: query.name_filter,
          state: query.state,
          sort: query.sort
        })
      );
      if (answer.status !== 200) throw hubError(answer, 'listing users');
      const page = answer.body as {
        items?: HubUserModel[];
        _pagination?: { total?: number };
      };
      const items = await withTraining((page.items ?? []).map(toAdminUser));
      return {
        items,
        total: page._pagination?.total ?? items.length,
        offset: query.offset,
        limit: query.limit
      };
    },

    /** Every name matching a query (at most MAX_MATCHING_NAMES), for bulk actions on "all that match". */
    async userNames(query: UserNamesQuery): Promise<UserNames> {
      const matching = (await scan({ ...query, sort: 'name' }, true))
        .filter(matchesFilters(filtersOf(query), now()))
        .map(u => u.name);
      return {
        names: matching.slice(0, MAX_MATCHING_NAMES),
        total: matching.length,
        truncated: matching.length > MAX_MATCHING_NAMES
      };
    },

    /** Users, running servers and active users in 24 h / 7 d / 30 d: the hub's metrics, else counted. */
    async totals(): Promise<HubTotals> {
      if (totalsCache && now() - totalsCache.at < SCAN_TTL_MS) {
        return totalsCache.totals;
      }
      const text = await reach(() => hub().metrics());
      const totals =
        (text ? totalsFromMetrics(text) : null) ??
        totalsFromUsers(await scan({}, false), now());
      totalsCache = { at: now(), totals };
      return totals;
    },

    /** Stops then starts a user's server (waiting for a slow stop); never the caller's own. */
    async restartServer(
      actor: string,
      name: string,
      server: string
    ): Promise<ServerAction> {
      const target = server ? `${name}/${server}` : name;
      await refuseOwnServer(actor, 'server.restart', name, target);
      const stop = await mutate(actor, 'server.restart-stop', target, {
        method: 'DELETE',
        path: serverPath(name, server)
      });
      if (stop.status === 202 && !(await waitStopped(name, server))) {
        throw new AppError(
          409,
          'conflict',
          `${target} is still stopping; start it again once it has stopped`
        );
      }
      const start = await mutate(actor, 'server.restart-start', target, {
        method: 'POST',
        path: serverPath(name, server),
        body: {}
      });
      return {
        user: name,
        server,
        status: start.status === 202 ? 'pending' : 'started'
      };
    },

    /** Deletes a stopped named server (the hub forgets it; the user's files are kept). */
    async removeServer(
      actor: string,
      name: string,
      server: string
    ): Promise<ServerAction> {
      const target = `${name}/${server}`;
      const user = await getUser(name);
      const model = user?.servers?.[server];
      if (!user || !model) {
        throw new AppError(
          404,
          'not_found',
          `no server ${server} for ${name} on this hub`
        );
      }
      if (model.ready || model.pending) {
        await refuse(
          actor,
          'server.delete',
          target,
          new AppError(409, 'conflict', `stop ${target} before deleting it`)
        );
      }
      await mutate(actor, 'server.delete', target, {
        method: 'DELETE',
        path: serverPath(name, server),
        body: { remove: true }
      });
      return { user: name, server, status: 'removed' };
    },

    /** Opens the hub's spawn-progress stream of a server (`GET .../progress`); 404 when the user is unknown. */
    async progress(
      name: string,
      server: string,
      signal: AbortSignal
    ): Promise<Response> {
      const response = await reach(() =>
        hub().progressStream(`${serverPath(name, server)}/progress`, signal)
      );
      if (response.status !== 200) {
        const text = await response.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = { message: text.slice(0, 200) };
        }
        throw hubError(
          { status: response.status, body },
          `the progress of ${name}`
        );
      }
      return response;
    },

    /** The latest progress event of a server: the stream is read until it pauses, then closed. */
    async latestProgress(name: string, server: string): Promise<SpawnProgress> {
      const abort = new AbortController();
      const response = await this.progress(name, server, abort.signal);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      const deadline = now() + 10 * PROGRESS_IDLE_MS;
      try {
        while (now() < deadline) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const idle = new Promise<null>(resolve => {
            timer = setTimeout(() => resolve(null), PROGRESS_IDLE_MS);
          });
          const chunk = await Promise.race([reader.read(), idle]);
          clearTimeout(timer);
          if (chunk === null || chunk.done) break;
          text += decoder.decode(chunk.value, { stream: true });
        }
      } finally {
        abort.abort();
        await reader.cancel().catch(() => undefined);
      }
      return lastProgressEvent(text);
    },

    /** Renames a user; never an admin, never the caller, and never grants admin. */
    async editUser(
      actor: string,
      name: string,
      body: UserEditBody
    ): Promise<AdminUser> {
      if (body.admin !== undefined) {
        await refuse(
          actor,
          'user.edit',
          name,
          adminProtected(
            body.admin ? 'cannot grant admin' : `cannot demote ${name}`
          )
        );
      }
      if (name === actor) {
        await refuse(
          actor,
          'user.rename',
          name,
          new AppError(403, 'forbidden', 'you cannot rename yourself')
        );
      }
      const user = await getUser(name);
      if (!user)
        throw new AppError(404, 'not_found', `no user ${name} on this hub`);
      if (user.admin) {
        await refuse(
          actor,
          'user.rename',
          name,
          adminProtected(`cannot rename ${name}`)
        );
      }
      const newName = (body.name ?? name).trim().toLowerCase();
      const check = checkNames([newName])[0];
      if (!check || check.status === 'invalid') {
        throw new AppError(400, 'validation', `body/name: ${check?.reason}`);
      }
      const answer = await mutate(
        actor,
        'user.rename',
        name,
        { method: 'PATCH', path: userPath(name), body: { name: newName } },
        { to: newName }
      );
      return toAdminUser(answer.body as HubUserModel);
    },

    /** Starts a user's default ('') or named server. */
    async startServer(
      actor: string,
      name: string,
      server: string
    ): Promise<ServerAction> {
      const answer = await mutate(
        actor,
        'server.start',
        server ? `${name}/${server}` : name,
        { method: 'POST', path: serverPath(name, server), body: {} }
      );
      return {
        user: name,
        server,
        status: answer.status === 202 ? 'pending' : 'started'
      };
    },

    /** Stops a user's default ('') or named server; never the caller's own. */
    async stopServer(
      actor: string,
      name: string,
      server: string
    ): Promise<ServerAction> {
      const target = server ? `${name}/${server}` : name;
      await refuseOwnServer(actor, 'server.stop', name, target);
      const answer = await mutate(actor, 'server.stop', target, {
        method: 'DELETE',
        path: serverPath(name, server)
      });
      return {
        user: name,
        server,
        status: answer.status === 202 ? 'pending' : 'stopped'
      };
    },

    /** Previews (or, with confirm, creates) users from pasted names, optionally into a group. */
    async addUsers(actor: string, body: AddUsersBody): Promise<AddUsersResult> {
      if (body.admin) {
        await refuse(
          actor,
          'user.create',
          null,
          adminProtected('cannot grant admin')
        );
      }
      const names = checkNames(body.usernames);
      await mapLimited(
        names.filter(check => check.status === 'new'),
        8,
        async check => {
          if (await getUser(check.name)) {
            check.status = 'exists';
            check.reason = 'already a user of this hub';
          }
        }
      );
      const group = body.group ?? null;
      let groupExists = false;
      if (group) {
        groupExists = (await getGroup(group)) !== null;
        // Refused before any user is created, so a refusal changes nothing.
        if (groupExists && body.confirm) {
          await refuseIfManaged(actor, 'user.create', group);
        }
      }
      const result: AddUsersResult = {
        confirmed: body.confirm === true,
        names,
        created: [],
        group,
        groupExists,
        addedToGroup: []
      };
      if (!body.confirm) return result;

      const fresh = names.filter(c => c.status === 'new').map(c => c.name);
      if (fresh.length) {
        // One hub call creates them all; the log gets one line per user so it can be filtered by name.
        const answer = await call('POST', '/users', { usernames: fresh });
        const ok = answer.status >= 200 && answer.status < 300;
        for (const name of fresh) {
          await record({
            actor,
            action: 'user.create',
            target: name,
            outcome: ok ? 'ok' : 'failed',
            detail: {
              status: answer.status,
              ...(ok ? {} : { answer: hubMessage(answer) })
            }
          });
        }
        if (!ok) throw hubError(answer, 'user.create');
        result.created = fresh;
      }
      const members = names
        .filter(c => c.status === 'new' || c.status === 'exists')
        .map(c => c.name);
      if (group && members.length) {
        if (!groupExists) {
          await mutate(actor, 'group.create', group, {
            method: 'POST',
            path: groupPath(group)
          });
          result.groupExists = true;
        }
        await mutate(
          actor,
          'group.add-members',
          group,
          {
            method: 'POST',
            path: groupPath(group, '/users'),
            body: { users: members }
          },
          { users: members }
        );
        result.addedToGroup = members;
      }
      return result;
    },

    /** Deletes a user (their files stay); never an admin or the caller. */
    async deleteUser(actor: string, name: string): Promise<void> {
      if (name === actor) {
        await refuse(
          actor,
          'user.delete',
          name,
          new AppError(403, 'forbidden', 'you cannot delete yourself')
        );
      }
      const user = await getUser(name);
      if (!user)
        throw new AppError(404, 'not_found', `no user ${name} on this hub`);
      if (user.admin) {
        await refuse(
          actor,
          'user.delete',
          name,
          adminProtected(`cannot delete ${name}`)
        );
      }
      await mutate(actor, 'user.delete', name, {
        method: 'DELETE',
        path: userPath(name)
      });
    },

    /** Every group with its member count, optionally those whose name contains `search`. */
    async listGroups(
      search?: string
    ): Promise<{ items: Group[]; total: number }> {
      const answer = await reach(() => hub().allGroups());
      if (answer.status !== 200) throw hubError(answer, 'listing groups');
      const needle = search?.trim().toLowerCase() ?? '';
      const items = answer.groups
        .filter(
          (g: HubGroupModel) => !needle || g.name.toLowerCase().includes(needle)
        )
        .map((g: HubGroupModel) => ({
          name: g.name,
          users: g.users ?? [],
          memberCount: (g.users ?? []).length,
          properties: g.properties ?? {},
          managed: managedReason(g),
          grantsRole: roleOfGroup(g.name)
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { items, total: items.length };
    },

    /** Creates an empty group. */
    async createGroup(actor: string, group: string): Promise<void> {
      await mutate(actor, 'group.create', group, {
        method: 'POST',
        path: groupPath(group)
      });
    },

    /** Deletes a group; never one that gives a Catalyst role (hub-champions among them). */
    async deleteGroup(actor: string, group: string): Promise<void> {
      const role = roleOfGroup(group);
      if (role) {
        await refuse(
          actor,
          'group.delete',
          group,
          new AppError(
            409,
            'conflict',
            `${group} gives its members the ${role} role${
              role === 'hub-champion'
                ? '; deleting it would lock the Hub Champions out of this console'
                : '; deleting it would take that role from all of them'
            }. It is set in the service's configuration and cannot be deleted from the console`
          )
        );
      }
      await refuseIfManaged(actor, 'group.delete', group);
      await mutate(actor, 'group.delete', group, {
        method: 'DELETE',
        path: groupPath(group)
      });
    },

    /** Adds users to a group. */
    async addMembers(
      actor: string,
      group: string,
      users: string[]
    ): Promise<void> {
      await refuseIfManaged(actor, 'group.add-members', group);
      await mutate(
        actor,
        'group.add-members',
        group,
        { method: 'POST', path: groupPath(group, '/users'), body: { users } },
        { users }
      );
    },

    /** Removes users from a group; a champion cannot remove themselves from the champions' group. */
    async removeMembers(
      actor: string,
      group: string,
      users: string[]
    ): Promise<void> {
      if (group === config.roles.hubChampionGroup && users.includes(actor)) {
        await refuse(
          actor,
          'group.remove-members',
          group,
          new AppError(
            403,
            'forbidden',
            'you cannot remove yourself from the Hub Champions group; ask another champion'
          )
        );
      }
      await refuseIfManaged(actor, 'group.remove-members', group);
      await mutate(
        actor,
        'group.remove-members',
        group,
        { method: 'DELETE', path: groupPath(group, '/users'), body: { users } },
        { users }
      );
    },

    /** Replaces a group's properties (they may change what its members' servers get). */
    async setGroupProperties(
      actor: string,
      group: string,
      properties: Record<string, string | number | boolean>
    ): Promise<void> {
      // The managed marker is the operator's, not the console's: keep it as it is.
      if (MANAGED_PROPERTY in properties) {
        await refuse(
          actor,
          'group.properties',
          group,
          new AppError(
            400,
            'validation',
            `body/properties: ${MANAGED_PROPERTY} is set by the hub's operators in the hub's configuration`
          )
        );
      }
      await refuseIfManaged(actor, 'group.properties', group);
      await mutate(
        actor,
        'group.properties',
        group,
        {
          method: 'PUT',
          path: groupPath(group, '/properties'),
          body: properties
        },
        { properties }
      );
    },

    /** The hub's version, authenticator and spawner, and what the console can use. */
    async info(): Promise<HubInfo> {
      const root = await call('GET', '/');
      if (root.status !== 200) throw hubError(root, 'reading the hub version');
      const details = await call('GET', '/info');
      const version = String(
        (root.body as { version?: unknown })?.version ?? ''
      );
      const info = (details.status === 200 ? details.body : {}) as {
        authenticator?: { class?: string; version?: string };
        spawner?: { class?: string; version?: string };
      };
      const [major = 0, minor = 0] = version
        .split('.')
        .map(part => Number.parseInt(part, 10) || 0);
      return {
        version,
        authenticator: {
          class: info.authenticator?.class ?? '',
          version: info.authenticator?.version ?? ''
        },
        spawner: {
          class: info.spawner?.class ?? '',
          version: info.spawner?.version ?? ''
        },
        features: {
          sort: major >= 5,
          groupProperties: major >= 4,
          // The hub's own page lists servers' progress since 0.9; every supported hub streams it.
          progress: major > 0 || minor >= 9
        },
        adminUrl
      };
    },

    /** A page of this hub's audit log. */
    async listAudit(query: AuditQuery) {
      return audit.list(
        {
          hubId: config.hubId,
          actor: query.actor,
          action: query.action,
          target: query.target
        },
        query.offset,
        query.limit
      );
    },

    /** This hub's audit log (up to 10,000 lines matching the filter) as CSV. */
    async exportAudit(
      query: AuditQuery
    ): Promise<{ filename: string; csv: string }> {
      const page = await audit.list(
        {
          hubId: config.hubId,
          actor: query.actor,
          action: query.action,
          target: query.target
        },
        0,
        10000
      );
      const header = ['at', 'actor', 'action', 'target', 'outcome', 'detail'];
      const lines = [
        header.map(csvCell).join(','),
        ...page.items.map(e =>
          [e.at, e.actor, e.action, e.target, e.outcome, e.detail]
            .map(csvCell)
            .join(',')
        )
      ];
      return {
        filename: `catalyst-audit-${config.hubId}.csv`,
        csv: `${lines.join('\r\n')}\r\n`
      };
    }
  };
}

/** The admin service's interface. */
export type AdminService = ReturnType<typeof createAdminService>;
