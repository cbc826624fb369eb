import { ISignal, Signal } from '@lumino/signaling';

import type {
  AdminApi,
  IAdminUser,
  IHubInfo,
  IUserFilters,
  IUserPage,
  IUserQuery
} from '../api/admin';

/** A bulk action over the selection or over every user matching the filters. */
export type BulkAction =
  | 'start'
  | 'stop'
  | 'restart'
  | 'add-to-group'
  | 'remove-from-group'
  | 'delete';

/** Whom a bulk action applies to. */
export type BulkTarget = 'selection' | 'matching';

/** The filter keys; changing one goes back to the first page. */
const FILTER_KEYS: (keyof IUserFilters | 'sort')[] = [
  'nameFilter',
  'state',
  'admin',
  'group',
  'neverLoggedIn',
  'inactiveDays',
  'sort'
];

/** Whether a query filters the users at all (for the empty state). */
export function isFiltered(query: IUserFilters): boolean {
  return !!(
    query.nameFilter ||
    query.state ||
    query.admin ||
    query.group ||
    query.neverLoggedIn ||
    query.inactiveDays > 0
  );
}

/** The outcome of a bulk action for one user. */
export interface IBulkResult {
  user: string;
  ok: boolean;
  message: string;
}

/** A running or finished bulk action. */
export interface IBulkProgress {
  action: BulkAction;
  total: number;
  results: IBulkResult[];
  running: boolean;
  /** Set by `cancelBulk`: users not yet started are skipped. */
  cancelled: boolean;
}

/** At most this many hub calls at once from one console. */
const BULK_CONCURRENCY = 4;

/** The users table's state: query, page, selection and bulk progress; no DOM. */
export class AdminConsoleModel {
  constructor(api: AdminApi) {
    this.api = api;
  }

  /** The API the model (and the console's dialogs) use. */
  readonly api: AdminApi;

  /** Emitted whenever anything below changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The current query. */
  get query(): IUserQuery {
    return this._query;
  }

  /** The last page read, or null before the first. */
  get page(): IUserPage | null {
    return this._page;
  }

  /** Whether a page is being read. */
  get loading(): boolean {
    return this._loading;
  }

  /** The message of the last failed read, or ''. */
  get error(): string {
    return this._error;
  }

  /** The selected user names. */
  get selected(): ReadonlySet<string> {
    return this._selected;
  }

  /** The running or last bulk action, or null. */
  get bulk(): IBulkProgress | null {
    return this._bulk;
  }

  /** What the hub is and offers, or null until read (or when it could not be). */
  get info(): IHubInfo | null {
    return this._info;
  }

  /** Read the hub's version and features once; the console hides what the hub lacks. */
  async loadInfo(): Promise<void> {
    try {
      this._info = await this.api.info();
      if (!this._info.features.sort && this._query.sort !== 'name') {
        this._query = { ...this._query, sort: 'name' };
      }
    } catch {
      this._info = null;
    }
    this._changed.emit();
  }

  /** Change the query (a filter change goes back to the first page) and read the page. */
  async setQuery(change: Partial<IUserQuery>): Promise<void> {
    const resetsOffset =
      change.offset === undefined &&
      FILTER_KEYS.some(key => change[key] !== undefined);
    this._query = {
      ...this._query,
      ...change,
      ...(resetsOffset ? { offset: 0 } : {})
    };
    await this.refresh();
  }

  /** Read the current page again. */
  async refresh(): Promise<void> {
    const ticket = ++this._ticket;
    this._loading = true;
    this._changed.emit();
    try {
      const page = await this.api.listUsers(this._query);
      // A slower, older answer must not replace a newer one.
      if (ticket !== this._ticket) {
        return;
      }
      this._page = page;
      this._error = '';
      this._pollIfPending(page);
      const names = new Set(page.items.map(u => u.name));
      for (const name of [...this._selected]) {
        if (!names.has(name)) {
          this._selected.delete(name);
        }
      }
    } catch (error) {
      if (ticket !== this._ticket) {
        return;
      }
      this._error = (error as Error).message;
    } finally {
      if (ticket === this._ticket) {
        this._loading = false;
        this._changed.emit();
      }
    }
  }

  /** Select or unselect one user. */
  toggle(name: string): void {
    if (this._selected.has(name)) {
      this._selected.delete(name);
    } else {
      this._selected.add(name);
    }
    this._changed.emit();
  }

  /** Select every user of the page, or none if all are selected. */
  toggleAll(): void {
    const names = (this._page?.items ?? []).map(u => u.name);
    const all = names.length > 0 && names.every(n => this._selected.has(n));
    this._selected = all ? new Set() : new Set(names);
    this._changed.emit();
  }

  /** The selected users of the current page. */
  selectedUsers(): IAdminUser[] {
    return (this._page?.items ?? []).filter(u => this._selected.has(u.name));
  }

  /** The users a bulk action on `target` would act on (the service caps "all that match"). */
  async bulkUsers(
    target: BulkTarget
  ): Promise<{ names: string[]; total: number }> {
    if (target === 'selection') {
      const names = [...this._selected];
      return { names, total: names.length };
    }
    const { names, total } = await this.api.matchingNames(this._query);
    return { names, total };
  }

  /**
   * Run an action over users, a few at a time, recording each user's result.
   *
   * #### Notes
   * `users` defaults to the selection. The caller's own name is skipped for actions on their own
   * server or account (the service refuses them anyway; skipping keeps the summary honest).
   */
  async runBulk(
    action: BulkAction,
    group = '',
    users: string[] = [...this._selected],
    me = ''
  ): Promise<IBulkProgress> {
    const own =
      action === 'stop' || action === 'restart' || action === 'delete';
    const targets = own && me ? users.filter(u => u !== me) : users;
    const progress: IBulkProgress = {
      action,
      total: targets.length,
      results: [],
      running: true,
      cancelled: false
    };
    this._bulk = progress;
    this._changed.emit();
    if (action === 'add-to-group' || action === 'remove-from-group') {
      // The hub takes up to 500 names per call; report each call's outcome for its users.
      for (let i = 0; i < targets.length && !progress.cancelled; i += 500) {
        const chunk = targets.slice(i, i + 500);
        const outcome = await this._attempt(() =>
          action === 'add-to-group'
            ? this.api.addMembers(group, chunk)
            : this.api.removeMembers(group, chunk)
        );
        progress.results.push(...chunk.map(user => ({ user, ...outcome })));
        this._changed.emit();
      }
    } else {
      const work: Record<string, (user: string) => Promise<unknown>> = {
        start: user => this.api.startServer(user),
        stop: user => this.api.stopServer(user),
        restart: user => this.api.restartServer(user),
        delete: user => this.api.deleteUser(user)
      };
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < targets.length && !progress.cancelled) {
          const user = targets[next++] as string;
          const outcome = await this._attempt(() =>
            (work[action] as (u: string) => Promise<unknown>)(user)
          );
          progress.results.push({ user, ...outcome });
          this._changed.emit();
        }
      };
      await Promise.all(
        Array.from(
          { length: Math.min(BULK_CONCURRENCY, targets.length) },
          worker
        )
      );
    }
    progress.running = false;
    this._changed.emit();
    await this.refresh();
    return progress;
  }

  /** Stop a running bulk action after the calls already sent. */
  cancelBulk(): void {
    if (this._bulk?.running) {
      this._bulk.cancelled = true;
      this._changed.emit();
    }
  }

  /** Forget the last bulk summary. */
  clearBulk(): void {
    this._bulk = null;
    this._changed.emit();
  }

  /** Stop polling; the model is not used afterwards. */
  dispose(): void {
    this._disposed = true;
    if (this._poll !== null) {
      clearTimeout(this._poll);
      this._poll = null;
    }
  }

  /** While a server starts or stops, read the page again every few seconds so its state shows live. */
  private _pollIfPending(page: IUserPage): void {
    if (this._poll !== null) {
      clearTimeout(this._poll);
      this._poll = null;
    }
    const pending = page.items.some(u => u.servers.some(s => s.pending));
    if (pending && !this._disposed) {
      this._poll = setTimeout(() => {
        this._poll = null;
        void this.refresh();
      }, AdminConsoleModel.POLL_MS);
    }
  }

  private async _attempt(
    work: () => Promise<unknown>
  ): Promise<{ ok: boolean; message: string }> {
    try {
      await work();
      return { ok: true, message: '' };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  private _query: IUserQuery = {
    nameFilter: '',
    state: '',
    admin: '',
    group: '',
    neverLoggedIn: false,
    inactiveDays: 0,
    sort: 'name',
    offset: 0,
    limit: 25
  };
  private _page: IUserPage | null = null;
  private _loading = false;
  private _error = '';
  private _ticket = 0;
  private _selected = new Set<string>();
  private _bulk: IBulkProgress | null = null;
  private _info: IHubInfo | null = null;
  private _changed = new Signal<this, void>(this);
  private _poll: ReturnType<typeof setTimeout> | null = null;
  private _disposed = false;
}

/** The static namespace of AdminConsoleModel. */
export namespace AdminConsoleModel {
  /** How often a page with a pending server is read again. */
  export const POLL_MS = 2000;
}
