/** Which of my feedback items have a response or decision I have not seen: polled cheaply, cleared when seen. */
import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import {
  RECEIPTS_PER_NEWS,
  type FeedbackNewsApi,
  type ISeenNews
} from '../api/feedbackNews';
import { readJson, writeJson } from '../storage';

/** Browser storage as the news model uses it. */
export interface INewsStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The longest wait between two checks while the page is visible. */
export const POLL_INTERVAL_MS = 5 * 60 * 1000;

/** The shortest gap between two checks (focus comes and goes often). */
export const MIN_GAP_MS = 60 * 1000;

/** Unseen news of my items: identified ones by the service's marker, anonymous ones by this browser's. */
export class FeedbackNews {
  /** Create the model; nothing is fetched until `check` or `poll`. */
  constructor(options: FeedbackNews.IOptions) {
    this._api = options.api;
    this._store = options.store;
    this._prefix = `jupyterlab-catalyst:feedback:${options.user}:`;
    this._now = options.now ?? Date.now;
    this._minGap = options.minGapMs ?? MIN_GAP_MS;
  }

  /** Emitted when the set of unseen items changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** How many of my items have unseen news. */
  get count(): number {
    return this._unseen.size;
  }

  /** Whether `id` has news I have not seen. */
  isNew(id: string): boolean {
    return this._unseen.has(id);
  }

  /**
   * Ask the service what is new, at most once per minimum gap unless `force`d.
   *
   * #### Notes
   * A failed check keeps what was known: the status bar must not flicker while the service is away.
   */
  async check(force = false): Promise<void> {
    const now = this._now();
    if (this._pending) {
      return this._pending;
    }
    if (!force && now - this._lastCheck < this._minGap) {
      return;
    }
    this._lastCheck = now;
    this._pending = this._fetch().finally(() => {
      this._pending = null;
    });
    return this._pending;
  }

  /** I saw these items (all unseen ones when none given): the count drops and stays down after a reload. */
  async seen(ids?: string[]): Promise<void> {
    const chosen = (ids ?? [...this._unseen.keys()]).filter(id =>
      this._unseen.has(id)
    );
    if (chosen.length === 0) {
      return;
    }
    const identified: ISeenNews[] = [];
    const local = this._localSeen();
    for (const id of chosen) {
      const news = this._unseen.get(id)!;
      if (news.anonymous) {
        local[id] = news.at;
      } else {
        identified.push({ id, through: news.at });
      }
      this._unseen.delete(id);
    }
    this._write('newsSeen', local);
    this._changed.emit();
    if (identified.length > 0) {
      try {
        await this._api.markSeen(identified);
      } catch {
        // Not recorded on the service: the next check shows them again rather than losing them.
      }
    }
  }

  /**
   * Check now, when the page regains focus or becomes visible, and every few minutes while it is
   * visible; dispose the result to stop.
   */
  poll(
    target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
    doc: Pick<
      Document,
      'visibilityState' | 'addEventListener' | 'removeEventListener'
    >,
    intervalMs = POLL_INTERVAL_MS
  ): IDisposable {
    const onFocus = () => {
      if (doc.visibilityState !== 'hidden') {
        void this.check();
      }
    };
    target.addEventListener('focus', onFocus);
    doc.addEventListener('visibilitychange', onFocus);
    const timer = setInterval(onFocus, intervalMs);
    void this.check();
    let disposed = false;
    return {
      get isDisposed() {
        return disposed;
      },
      dispose: () => {
        if (!disposed) {
          disposed = true;
          clearInterval(timer);
          target.removeEventListener('focus', onFocus);
          doc.removeEventListener('visibilitychange', onFocus);
        }
      }
    };
  }

  private async _fetch(): Promise<void> {
    // The newest receipts are the ones whose news is still to come.
    const receipts = this._read<{ code?: unknown }[]>('receipts', [])
      .map(r => r?.code)
      .filter((c): c is string => typeof c === 'string')
      .slice(-RECEIPTS_PER_NEWS);
    let answer;
    try {
      answer = await this._api.news(receipts);
    } catch {
      return;
    }
    const local = this._localSeen();
    const next = new Map<string, INews>();
    for (const item of answer.items) {
      next.set(item.id, { at: item.newsAt, anonymous: false });
    }
    for (const r of answer.receipts) {
      const seenAt = local[r.id];
      if (r.newsAt && (!seenAt || Date.parse(r.newsAt) > Date.parse(seenAt))) {
        next.set(r.id, { at: r.newsAt, anonymous: true });
      }
    }
    const same =
      next.size === this._unseen.size &&
      [...next].every(([id, n]) => this._unseen.get(id)?.at === n.at);
    this._unseen = next;
    if (!same) {
      this._changed.emit();
    }
  }

  private _localSeen(): Record<string, string> {
    const value = this._read<unknown>('newsSeen', {});
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, string>)
      : {};
  }

  private _read<T>(name: string, fallback: T): T {
    return readJson(this._store, this._prefix + name, fallback);
  }

  private _write(name: string, value: unknown): void {
    // Storage full or blocked: the item shows as new again on the next page, nothing worse.
    writeJson(this._store, this._prefix + name, value);
  }

  private _api: Pick<FeedbackNewsApi, 'news' | 'markSeen'>;
  private _store: INewsStore;
  private _prefix: string;
  private _now: () => number;
  private _minGap: number;
  private _lastCheck = -Infinity;
  private _pending: Promise<void> | null = null;
  private _unseen = new Map<string, INews>();
  private _changed = new Signal<this, void>(this);
}

/** Unseen news of one item. */
interface INews {
  at: string;
  anonymous: boolean;
}

/** The static namespace of FeedbackNews. */
export namespace FeedbackNews {
  /** Construction options. */
  export interface IOptions {
    api: Pick<FeedbackNewsApi, 'news' | 'markSeen'>;
    store: INewsStore;
    /** The hub user (keys the browser storage, as the feedback model does). */
    user: string;
    now?: () => number;
    minGapMs?: number;
  }
}
