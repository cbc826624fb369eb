import { ISignal, Signal } from '@lumino/signaling';

import type { AdminApi, IAdminUser, IUserPage, IUserQuery } from '../api/admin';

/** A bulk action over the selection. */
export type BulkAction = 'start' | 'stop' | 'add-to-group';

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

  /** Change the query (a filter change goes back to the first page) and read the page. */
  async setQuery(change: Partial<IUserQuery>): Promise<void> {
    const resetsOffset =
      change.offset === undefined &&
      (change.nameFilter !== undefined ||
        change.state !== undefined ||
        change.sort !== undefined);
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

  /** Run an action over the selection, a few at a time, recording each user's result. */
  async runBulk(action: BulkAction, group = ''): Promise<IBulkProgress> {
    const users = [...this._selected];
    const progress: IBulkProgress = {
      action,
      total: users.length,
      results: [],
      running: true,
      cancelled: false
    };
    this._bulk = progress;
    this._changed.emit();
    if (action === 'add-to-group') {
      // One hub call adds them all; report it for each user.
      const outcome = await this._attempt(() =>
        this.api.addMembers(group, users)
      );
      progress.results = users.map(user => ({ user, ...outcome }));
    } else {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < users.length && !progress.cancelled) {
          const user = users[next++] as string;
          const outcome = await this._attempt(() =>
            action === 'start'
              ? this.api.startServer(user)
              : this.api.stopServer(user)
          );
          progress.results.push({ user, ...outcome });
          this._changed.emit();
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(BULK_CONCURRENCY, users.length) }, worker)
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
  private _changed = new Signal<this, void>(this);
  private _poll: ReturnType<typeof setTimeout> | null = null;
  private _disposed = false;
}

/** The static namespace of AdminConsoleModel. */
export namespace AdminConsoleModel {
  /** How often a page with a pending server is read again. */
  export const POLL_MS = 2000;
}
