/** Conversions at the console's edges: hub answers to rows and errors, pasted names, CSV cells, progress events. */
import { AppError } from '../../http-errors.js';
import type { ServiceFilters } from './admin.filters.js';
import type { HubAnswer, HubGroupModel, HubUserModel } from './admin.hub.js';
import type {
  AdminUser,
  NameCheck,
  Server,
  SpawnProgress
} from './admin.schemas.js';

/** The group property an operator sets on groups the authenticator rewrites at login; its value is the reason shown. */
export const MANAGED_PROPERTY = 'catalyst.managed';

/** The last event of a spawn-progress stream's text; `data:` lines hold the hub's JSON events. */
export function lastProgressEvent(text: string): SpawnProgress {
  let latest: SpawnProgress = {
    progress: 0,
    message: '',
    ready: false,
    failed: false
  };
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    try {
      const event = JSON.parse(line.slice(5)) as Record<string, unknown>;
      latest = {
        progress: Number(event.progress) || 0,
        message: typeof event.message === 'string' ? event.message : '',
        ready: event.ready === true,
        failed: event.failed === true
      };
    } catch {
      // A partial line at the end of a read: the previous event stands.
    }
  }
  return latest;
}

/** The reason a group may not be edited from the console, or null. */
export function managedReason(group: HubGroupModel): string | null {
  const value = group.properties?.[MANAGED_PROPERTY];
  if (value === undefined || value === null || value === false) return null;
  return typeof value === 'string' && value.trim()
    ? value.trim()
    : 'its members are set by the login system at each login';
}

/** The service-side filters of a users query. */
export function filtersOf(query: {
  admin?: boolean;
  group?: string;
  never_logged_in?: boolean;
  inactive_days?: number;
}): ServiceFilters {
  return {
    admin: query.admin,
    group: query.group,
    neverLoggedIn: query.never_logged_in,
    inactiveDays: query.inactive_days
  };
}

/** Characters a pasted user name may hold once normalised (JupyterHub lowercases names). */
const NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._@+-]{0,254}$/u;

/** Checks pasted names: normalised, and flagged invalid or duplicate; blank lines are skipped. */
export function checkNames(inputs: string[]): NameCheck[] {
  const seen = new Set<string>();
  const checks: NameCheck[] = [];
  for (const input of inputs) {
    const name = input.trim().toLowerCase();
    if (!name) continue;
    if (!NAME_PATTERN.test(name)) {
      checks.push({
        input,
        name,
        status: 'invalid',
        reason:
          'a name is 1 to 255 letters, digits or . _ @ + -, starting with a letter or digit'
      });
    } else if (seen.has(name)) {
      checks.push({
        input,
        name,
        status: 'duplicate',
        reason: 'this name appears earlier in the list'
      });
    } else {
      seen.add(name);
      checks.push({ input, name, status: 'new', reason: '' });
    }
  }
  return checks;
}

/** Escapes one CSV cell; cells a spreadsheet would run as a formula get a leading apostrophe. */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimited<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker)
  );
  return results;
}

/** The message a hub answer carries, or ''. */
export function hubMessage(answer: HubAnswer): string {
  const body = answer.body as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : '';
}

/** Maps a hub refusal to the service's error shape. */
export function hubError(answer: HubAnswer, what: string): AppError {
  const said = hubMessage(answer);
  const suffix = said ? `: ${said}` : '';
  switch (answer.status) {
    case 400:
      return new AppError(
        400,
        'bad_request',
        `the hub refused ${what}${suffix}`
      );
    case 404:
      return new AppError(
        404,
        'not_found',
        `the hub does not know ${what}${suffix}`
      );
    case 409:
      return new AppError(409, 'conflict', `the hub refused ${what}${suffix}`);
    default:
      return new AppError(
        502,
        'hub_refused',
        `the hub answered ${answer.status} to ${what}${suffix}`
      );
  }
}

function toServer(
  name: string,
  model: HubUserModel['servers'][string]
): Server {
  return {
    name,
    ready: model.ready === true,
    pending: model.pending ?? null,
    started: model.started ?? null,
    last_activity: model.last_activity ?? null,
    url: model.url ?? ''
  };
}

/** A hub user model as a row of the console; the default server is always listed first. */
export function toAdminUser(model: HubUserModel): AdminUser {
  const servers = model.servers ?? {};
  const named = Object.keys(servers)
    .filter(name => name !== '')
    .sort()
    .map(name =>
      toServer(name, servers[name] as HubUserModel['servers'][string])
    );
  const own = servers[''];
  const defaultServer: Server = own
    ? toServer('', own)
    : {
        name: '',
        ready: false,
        pending: null,
        started: null,
        last_activity: null,
        url: ''
      };
  return {
    name: model.name,
    admin: model.admin === true,
    groups: model.groups ?? [],
    servers: [defaultServer, ...named],
    last_activity: model.last_activity ?? null,
    created: model.created ?? null,
    training: null
  };
}
