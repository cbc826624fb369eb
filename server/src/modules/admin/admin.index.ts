/** An in-memory index of this hub's users, so filters the hub cannot apply answer without reading every page. */
import type { Logger } from '../../logger.js';
import { hubError } from './admin.convert.js';
import {
  userPath,
  type HubAdminClient,
  type HubUserModel
} from './admin.hub.js';

/** How often the whole listing is read again in the background. */
export const INDEX_FULL_READ_MS = 5 * 60 * 1000;

/**
 * How far before the newest activity already indexed a cheap refresh keeps reading.
 *
 * #### Notes
 * The hub stores activity reported by servers (every 5 minutes by default) with the time it happened, so
 * a report can land with a time older than activity already seen; reading 10 minutes back covers it.
 */
export const ACTIVITY_SLACK_MS = 10 * 60 * 1000;

/** The hub's listing orders the index reproduces (`GET /users?sort=`); undefined is the hub's id order. */
export type ListingSort = 'name' | '-name' | 'last_activity' | '-last_activity';

interface Entry {
  user: HubUserModel;
  /** Position in the hub's id order (creation order); the hub's default order and its tie-break. */
  seq: number;
  /** The activity time as microseconds since the epoch, or null. */
  activity: number | null;
}

/** An index answer: matching users in the hub's order, and how old the last full read was. */
export interface IndexAnswer {
  users: HubUserModel[];
  ageMs: number;
  refreshMs: number;
}

/** A hub activity time in microseconds (the hub keeps them; milliseconds would tie users it orders apart). */
export function activityKey(value: string | null | undefined): number | null {
  if (!value) return null;
  const match =
    /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:?\d\d)?$/.exec(
      value
    );
  if (!match) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms * 1000 : null;
  }
  const seconds = Date.parse(`${match[1]}${match[3] ?? 'Z'}`);
  if (!Number.isFinite(seconds)) return null;
  return seconds * 1000 + Number((match[2] ?? '').padEnd(6, '0'));
}

/** The hub's `name_filter`: a case-insensitive SQL `ILIKE '%filter%'`, where `%` and `_` are wildcards. */
export function nameMatcher(
  filter: string | undefined
): (name: string) => boolean {
  if (!filter) return () => true;
  const pattern = filter
    .split('')
    .map(c =>
      c === '%'
        ? '.*'
        : c === '_'
          ? '.'
          : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    )
    .join('');
  const regex = new RegExp(pattern, 'isu');
  return name => regex.test(name);
}

/** The comparison the hub's SQL applies for a sort (nulls first ascending, last descending; ties in id order). */
function comparator(
  sort: ListingSort | undefined
): (a: Entry, b: Entry) => number {
  const byId = (a: Entry, b: Entry) => a.seq - b.seq;
  switch (sort) {
    case 'name':
    case '-name': {
      const sign = sort === 'name' ? 1 : -1;
      return (a, b) =>
        a.user.name < b.user.name
          ? -sign
          : a.user.name > b.user.name
            ? sign
            : 0;
    }
    case 'last_activity':
    case '-last_activity': {
      const ascending = sort === 'last_activity';
      return (a, b) => {
        if (a.activity === null || b.activity === null) {
          if (a.activity === b.activity) return byId(a, b);
          return (a.activity === null) === ascending ? -1 : 1;
        }
        const d = ascending ? a.activity - b.activity : b.activity - a.activity;
        return d || byId(a, b);
      };
    }
    default:
      return byId;
  }
}

/**
 * The index of one hub's users, owned by one service instance.
 *
 * #### Notes
 * Built by a full paged read (at most one at a time) and then kept fresh three ways: before each use, a
 * read of the listing by most recent activity (usually one call) picks up logins, new users and server
 * starts, and its total reveals users created or deleted elsewhere, which triggers a full read before
 * answering; the console's own changes mark users for a re-read; and a full read every few minutes catches
 * what leaves no activity (renames, admin flags or group edits made elsewhere).
 */
export function createUserIndex(options: {
  client: () => HubAdminClient;
  now: () => number;
  log: Logger;
}) {
  const { client, now, log } = options;
  let entries: Map<string, Entry> | null = null;
  let nextSeq = 0;
  let builtAt = 0;
  let newest: number | null = null;
  let full: Promise<void> | null = null;
  let refreshing: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const dirty = new Set<string>();
  /** Changes made while a full read runs, replayed over its result (the read may predate them). */
  let replay: Array<() => void> | null = null;

  function entry(user: HubUserModel, seq: number): Entry {
    const activity = activityKey(user.last_activity);
    if (activity !== null && (newest === null || activity > newest))
      newest = activity;
    return { user, seq, activity };
  }

  /** Puts fresh models in; unknown names are new users, placed after the others in creation order. */
  function upsert(users: HubUserModel[]): void {
    if (!entries) return;
    const added: HubUserModel[] = [];
    for (const user of users) {
      const known = entries.get(user.name);
      if (known) entries.set(user.name, entry(user, known.seq));
      else added.push(user);
    }
    added.sort((a, b) => (a.created ?? '').localeCompare(b.created ?? ''));
    for (const user of added) entries.set(user.name, entry(user, nextSeq++));
  }

  /** Applies a change now and again after a full read that is running. */
  function change(apply: () => void): void {
    apply();
    replay?.push(apply);
  }

  function fullRead(): Promise<void> {
    if (full) return full;
    const started = now();
    const changes: Array<() => void> = [];
    replay = changes;
    full = (async () => {
      const answer = await client().scanUsers({});
      if (answer.status !== 200) {
        log.warn({ status: answer.status }, 'user index: full read refused');
        return;
      }
      newest = null;
      entries = new Map();
      answer.users.forEach((user, seq) =>
        entries?.set(user.name, entry(user, seq))
      );
      nextSeq = answer.users.length;
      builtAt = started;
      for (const apply of changes) apply();
      log.info(
        { users: entries.size, ms: now() - started },
        'user index: full read done'
      );
    })()
      .catch((error: unknown) => {
        log.warn({ err: error }, 'user index: full read failed');
      })
      .finally(() => {
        full = null;
        replay = null;
      });
    return full;
  }

  async function reread(name: string): Promise<void> {
    const answer = await client().call(
      'GET',
      `${userPath(name)}?include_stopped_servers=1`
    );
    if (answer.status === 404) entries?.delete(name);
    else if (answer.status === 200) upsert([answer.body as HubUserModel]);
    else dirty.add(name);
  }

  /** Re-reads users the console changed, then the most recently active ones; a changed total means a full read. */
  async function refreshOnce(): Promise<void> {
    const names = [...dirty];
    dirty.clear();
    for (let i = 0; i < names.length; i += 8) {
      await Promise.all(names.slice(i, i + 8).map(reread));
    }
    const floor = newest === null ? null : newest - ACTIVITY_SLACK_MS * 1000;
    let total: number | null | undefined;
    // A short first page: the hub's cost is per user, and a few minutes of activity is usually a few users.
    for (let offset = 0, limit = 50; ; offset += limit, limit = 200) {
      const answer = await client().listUsers({
        offset,
        limit,
        sort: '-last_activity'
      });
      if (answer.status !== 200) throw hubError(answer, 'listing users');
      const page = answer.body as {
        items?: HubUserModel[];
        _pagination?: { total?: number };
      };
      const items = page.items ?? [];
      total = page._pagination?.total ?? null;
      upsert(items);
      const last = activityKey(items.at(-1)?.last_activity);
      if (
        items.length < limit ||
        last === null ||
        (floor !== null && last < floor)
      )
        break;
    }
    if (total == null || total !== entries?.size) {
      log.info(
        { indexed: entries?.size, total },
        'user index: the hub has users created or deleted elsewhere; reading it all'
      );
      await fullRead();
    }
  }

  return {
    /** Whether a full read has completed. */
    get ready(): boolean {
      return entries !== null;
    },

    /** Starts the first full read (in the background) and the periodic ones. */
    start(): void {
      if (timer) return;
      timer = setInterval(() => void fullRead(), INDEX_FULL_READ_MS);
      timer.unref();
      void fullRead();
    },

    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },

    /** Waits for a full read (starting one if none runs). */
    fullRead,

    /** Users matching a name filter and a predicate, in the hub's order, after a cheap refresh; null until built. */
    async select(
      query: { name_filter?: string; sort?: ListingSort },
      predicate: (user: HubUserModel) => boolean
    ): Promise<IndexAnswer | null> {
      if (!entries) return null;
      const started = now();
      // A refresh already under way may predate a change just made through the console: then one more.
      for (let round = 0; round < 2 && (round === 0 || dirty.size); round++) {
        refreshing ??= refreshOnce().finally(() => {
          refreshing = null;
        });
        await refreshing;
      }
      const matchName = nameMatcher(query.name_filter);
      const users = [...entries.values()]
        .filter(e => matchName(e.user.name) && predicate(e.user))
        .sort(comparator(query.sort))
        .map(e => e.user);
      const answer = {
        users,
        ageMs: now() - builtAt,
        refreshMs: now() - started
      };
      log.info(
        {
          indexAgeMs: answer.ageMs,
          refreshMs: answer.refreshMs,
          matched: users.length
        },
        'user index used'
      );
      return answer;
    },

    /** Marks users whose model the console changed, to be re-read before the next use. */
    touched(names: string[]): void {
      change(() => names.forEach(n => dirty.add(n)));
    },

    /** Users the console created, from the hub's answer (the hub gives them ids in this order). */
    created(users: HubUserModel[]): void {
      change(() => upsert(users.filter(u => !entries?.has(u.name))));
    },

    /** A user the console deleted or renamed away. */
    removed(name: string): void {
      change(() => entries?.delete(name));
    },

    /** A user the console renamed: same place in the hub's order, new model. */
    renamed(from: string, user: HubUserModel): void {
      change(() => {
        const known = entries?.get(from);
        if (!entries || !known) return;
        entries.delete(from);
        entries.set(user.name, entry(user, known.seq));
        // The hub's answer to a rename leaves out stopped servers, which the listing shows.
        dirty.add(user.name);
      });
    },

    /** A group the console deleted. */
    groupDeleted(group: string): void {
      change(() => {
        for (const e of entries?.values() ?? []) {
          if (e.user.groups?.includes(group)) {
            e.user = {
              ...e.user,
              groups: e.user.groups.filter(g => g !== group)
            };
          }
        }
      });
    }
  };
}

/** One hub's user index. */
export type UserIndex = ReturnType<typeof createUserIndex>;
