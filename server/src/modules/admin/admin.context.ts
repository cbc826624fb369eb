/** What every admin operation shares: hub calls, the audit trail, refusals and the listing cache. */
import type { Config } from '../../config.js';
import { AppError } from '../../http-errors.js';
import {
  groupPath,
  HubUnreachable,
  SERVER_ACTION_TIMEOUT_MS,
  userPath,
  type HubAdminClient,
  type HubAnswer,
  type HubGroupModel,
  type HubUserModel
} from './admin.hub.js';
import type {
  AuditRecord,
  AuditRepository,
  TrainingSummaryReader
} from './admin.repository.js';
import type { HubTotals, UserListQuery } from './admin.schemas.js';
import { hubError, hubMessage } from './admin.convert.js';
import { createUserIndex } from './admin.index.js';
import { silentLogger, type Logger } from '../../logger.js';

/** What the admin service needs from the app. */
export interface AdminServiceDeps {
  config: Config;
  hub: HubAdminClient | null;
  audit: AuditRepository;
  training: TrainingSummaryReader;
  /** Injectable clock for the activity filters and caches. */
  now?: () => number;
  /** Where the user index reports its full reads and its age when used. */
  log?: Logger;
  /** false: filtered listings always read the hub's whole listing (no user index). */
  indexUsers?: boolean;
}

/**
 * How long a full read of the listing serves the next pages of a view filtered by server state, and the totals.
 *
 * #### Notes
 * Other filters are answered from the user index (admin.index.ts). The first page of a state filter and
 * every "all that match" read the hub again, and any change made through the console drops the cache, so
 * only paging forward may show data up to this old.
 */
export const SCAN_TTL_MS = 15000;

/** The shared part of the admin operations, built once per service. */
export function createAdminContext(deps: AdminServiceDeps) {
  const { config, audit } = deps;
  const now = deps.now ?? Date.now;
  const adminUrl = `${config.hubPublicUrl.replace(/\/+$/, '')}/hub/admin`;
  const scans = new Map<string, { at: number; users: HubUserModel[] }>();
  const cache: { totals: { at: number; totals: HubTotals } | null } = {
    totals: null
  };
  const index = createUserIndex({
    client: () => hub(),
    now,
    log: deps.log ?? silentLogger
  });

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
    cache.totals = null;
    try {
      answer = await call(request.method, request.path, request.body);
    } catch (error) {
      indexChange(request, null);
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
    indexChange(request, ok ? answer : null);
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

  /** Tells the user index what a console change did; on failure or doubt, the users involved are re-read. */
  function indexChange(
    request: { method: string; path: string; body?: unknown },
    ok: HubAnswer | null
  ): void {
    const [, kind, raw, rest] =
      /^\/(users|groups)\/([^/?]+)(\/[^?]*)?/.exec(request.path) ?? [];
    if (!kind || !raw) return;
    const name = decodeURIComponent(raw);
    if (kind === 'users') {
      const renamed = ok && request.method === 'PATCH' && !rest;
      if (renamed) index.renamed(name, ok.body as HubUserModel);
      else index.touched([name]);
    } else if (rest === '/users') {
      const users = (request.body as { users?: unknown })?.users;
      if (Array.isArray(users)) index.touched(users.map(String));
    } else if (!rest && request.method === 'DELETE' && ok) {
      index.groupDeleted(name);
    }
  }

  async function getUser(name: string): Promise<HubUserModel | null> {
    const answer = await call('GET', userPath(name));
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw hubError(answer, `reading user ${name}`);
    return answer.body as HubUserModel;
  }

  async function getGroup(group: string): Promise<HubGroupModel | null> {
    const answer = await call('GET', groupPath(group));
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw hubError(answer, `reading group ${group}`);
    return answer.body as HubGroupModel;
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

  /** The refusal of anything that would create, change or remove a hub admin, with where admins are managed. */
  function adminProtected(what: string): AppError {
    return new AppError(
      403,
      'admin_protected',
      `${what}: hub admins are managed by the hub's operators, not from this console; see ${adminUrl}`
    );
  }

  return {
    deps,
    config,
    now,
    adminUrl,
    cache,
    hub,
    reach,
    call,
    record,
    refuse,
    mutate,
    getUser,
    getGroup,
    scan,
    index,
    adminProtected
  };
}

/** The shared part handed to each group of operations. */
export type AdminContext = ReturnType<typeof createAdminContext>;
