/**
 * The feedback outbox: what a person submits waits in browser storage until the service
 * confirms it, and stays listed afterwards so the person can see it was sent.
 *
 * #### Notes
 * Each submission gets one Idempotency-Key when it is queued and keeps it through every
 * resend, so a retry after a lost answer (or a second tab sending the same entry) makes
 * one item. Retries back off from 2 s to 5 min. A submission the service holds back (a
 * closed consultation) or refuses stays stored as a draft with the reason.
 */
import { ISignal, Signal } from '@lumino/signaling';

/** Where one submission is. */
export type DeliveryState = 'queued' | 'sent' | 'answered' | 'held' | 'refused';

/** Why the service held back or refused a submission. */
export interface IDeliveryReason {
  /** The service's stable code, e.g. `consultation_closed`. */
  code: string;
  /** The service's message. */
  message: string;
}

/** One submission and its delivery. */
export interface IOutboxEntry<TBody, TResult> {
  /** The Idempotency-Key sent with every attempt. */
  key: string;
  /** What is sent. */
  body: TBody;
  /** When it was queued (ISO 8601, client clock). */
  queuedAt: string;
  state: DeliveryState;
  /** Failed attempts so far. */
  failures: number;
  /** The service's answer once sent. */
  result?: TResult;
  /** Why it is held or refused. */
  reason?: IDeliveryReason;
}

/** What one attempt gave. */
export type SendOutcome<TResult> =
  | { kind: 'sent'; result: TResult }
  | { kind: 'retry'; afterMs?: number; reason?: IDeliveryReason }
  | { kind: 'held'; reason: IDeliveryReason }
  | { kind: 'refused'; reason: IDeliveryReason };

/** A Storage-like store (window.localStorage in the app). */
export interface IKeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Backoff bounds of §5.8: 2 s, doubling, at most 5 min. */
export const OUTBOX_BASE_DELAY_MS = 2000;
export const OUTBOX_MAX_DELAY_MS = 300_000;

/** How many delivered entries stay listed; older ones are dropped first. */
const KEEP_DELIVERED = 50;

/** A persistent queue of submissions with retry, backoff and visible states. */
export class FeedbackOutbox<TBody, TResult> {
  /** Create an outbox that keeps its entries under `storageKey`. */
  constructor(options: FeedbackOutbox.IOptions<TBody, TResult>) {
    this._store = options.store;
    this._storageKey = options.storageKey;
    this._send = options.send;
    this._baseDelayMs = options.baseDelayMs ?? OUTBOX_BASE_DELAY_MS;
    this._maxDelayMs = options.maxDelayMs ?? OUTBOX_MAX_DELAY_MS;
    this._random = options.random ?? Math.random;
    this._setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this._clearTimer =
      options.clearTimer ??
      (handle => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this._makeKey = options.makeKey ?? randomKey;
    this._now = options.now ?? (() => new Date());
  }

  /** Every stored entry, oldest first. */
  get entries(): IOutboxEntry<TBody, TResult>[] {
    if (this._memoryFallback) {
      return this._memoryFallback;
    }
    try {
      const raw = this._store.getItem(this._storageKey);
      const parsed = raw ? (JSON.parse(raw) as unknown) : [];
      return Array.isArray(parsed)
        ? (parsed as IOutboxEntry<TBody, TResult>[])
        : [];
    } catch {
      return [];
    }
  }

  /** Entries still waiting to reach the service. */
  get queued(): IOutboxEntry<TBody, TResult>[] {
    return this.entries.filter(e => e.state === 'queued');
  }

  /** Whether an attempt is under way. */
  get sending(): boolean {
    return this._sending;
  }

  /** When the next retry is due (ms since the epoch), or null when none is scheduled. */
  get nextRetryAt(): number | null {
    return this._nextRetryAt;
  }

  /** Why the scheduled retry waits, when the service said (e.g. `rate_limited`); null otherwise. */
  get waitReason(): IDeliveryReason | null {
    return this._nextRetryAt === null ? null : this._waitReason;
  }

  /** Emitted whenever an entry or the sending flag changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Queue a submission under a fresh Idempotency-Key and try to send it now. */
  add(body: TBody): IOutboxEntry<TBody, TResult> {
    const entry: IOutboxEntry<TBody, TResult> = {
      key: this._makeKey(),
      body,
      queuedAt: this._now().toISOString(),
      state: 'queued',
      failures: 0
    };
    this._write([...this.entries, entry]);
    this._emit();
    void this.flush();
    return entry;
  }

  /** Mark a delivered entry as answered (the service published a response to it). */
  markAnswered(key: string): void {
    this._update(key, e =>
      e.state === 'sent' ? { ...e, state: 'answered' } : e
    );
  }

  /** Forget an entry (a held or refused draft the person discards, or a delivered record). */
  remove(key: string): void {
    const entries = this.entries;
    const left = entries.filter(e => e.key !== key);
    if (left.length !== entries.length) {
      this._write(left);
      this._emit();
    }
  }

  /**
   * Send every queued entry in order, stopping at the first that must wait.
   *
   * #### Notes
   * A held or refused entry does not block the ones behind it.
   */
  flush(): Promise<void> {
    if (this._running) {
      // Entries queued meanwhile go out in the same run.
      this._again = true;
      return this._running;
    }
    this._running = this._drain().finally(() => {
      this._running = null;
    });
    return this._running;
  }

  /** The retry delay after `failures` consecutive failures (before jitter). */
  delayAfter(failures: number): number {
    return Math.min(
      this._maxDelayMs,
      this._baseDelayMs * 2 ** Math.max(0, failures - 1)
    );
  }

  /** Stop retrying; entries stay stored for the next page. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._cancelTimer();
    Signal.clearData(this);
  }

  private async _drain(): Promise<void> {
    do {
      this._again = false;
      await this._sendQueued();
    } while (this._again && !this._isDisposed);
  }

  private async _sendQueued(): Promise<void> {
    this._cancelTimer();
    let waitMs: number | null = null;
    this._waitReason = null;
    for (const entry of this.queued) {
      if (this._isDisposed) {
        return;
      }
      this._sending = true;
      this._emit();
      const outcome = await this._send(entry).catch(
        (): SendOutcome<TResult> => ({ kind: 'retry' })
      );
      this._sending = false;
      if (outcome.kind === 'retry') {
        const failures = entry.failures + 1;
        this._update(entry.key, e => ({ ...e, failures }));
        waitMs = Math.max(outcome.afterMs ?? 0, this._jittered(failures));
        this._waitReason = outcome.reason ?? null;
        break;
      }
      this._update(entry.key, e => ({
        ...e,
        state: outcome.kind,
        failures: 0,
        ...(outcome.kind === 'sent'
          ? { result: outcome.result, reason: undefined }
          : { reason: outcome.reason })
      }));
    }
    this._sending = false;
    this._prune();
    if (waitMs !== null && !this._isDisposed) {
      this._schedule(waitMs);
    }
    this._emit();
  }

  /** Jitter takes up to a quarter off, so tabs that failed together retry apart. */
  private _jittered(failures: number): number {
    const ceiling = this.delayAfter(failures);
    return Math.round(ceiling * (0.75 + 0.25 * this._random()));
  }

  private _schedule(ms: number): void {
    this._cancelTimer();
    this._nextRetryAt = this._now().getTime() + ms;
    this._timer = this._setTimer(() => {
      this._timer = null;
      this._nextRetryAt = null;
      void this.flush();
    }, ms);
  }

  private _cancelTimer(): void {
    if (this._timer !== null) {
      this._clearTimer(this._timer);
      this._timer = null;
    }
    this._nextRetryAt = null;
  }

  private _update(
    key: string,
    change: (e: IOutboxEntry<TBody, TResult>) => IOutboxEntry<TBody, TResult>
  ): void {
    // Read-modify-write of the stored list, so entries another tab added are kept.
    this._write(this.entries.map(e => (e.key === key ? change(e) : e)));
    this._emit();
  }

  private _prune(): void {
    const entries = this.entries;
    const delivered = entries.filter(
      e => e.state === 'sent' || e.state === 'answered'
    );
    const excess = delivered.length - KEEP_DELIVERED;
    if (excess > 0) {
      const drop = new Set(delivered.slice(0, excess).map(e => e.key));
      this._write(entries.filter(e => !drop.has(e.key)));
    }
  }

  private _write(entries: IOutboxEntry<TBody, TResult>[]): void {
    try {
      this._store.setItem(this._storageKey, JSON.stringify(entries));
      this._memoryFallback = null;
    } catch {
      // Storage full or blocked: the entry still goes out from memory in this page.
      this._memoryFallback = entries;
    }
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  private _store: IKeyValueStore;
  private _storageKey: string;
  private _send: (
    entry: IOutboxEntry<TBody, TResult>
  ) => Promise<SendOutcome<TResult>>;
  private _baseDelayMs: number;
  private _maxDelayMs: number;
  private _random: () => number;
  private _setTimer: (fn: () => void, ms: number) => unknown;
  private _clearTimer: (handle: unknown) => void;
  private _makeKey: () => string;
  private _now: () => Date;
  private _timer: unknown = null;
  private _nextRetryAt: number | null = null;
  private _waitReason: IDeliveryReason | null = null;
  private _sending = false;
  private _again = false;
  private _isDisposed = false;
  private _running: Promise<void> | null = null;
  private _memoryFallback: IOutboxEntry<TBody, TResult>[] | null = null;
  private _changed = new Signal<this, void>(this);
}

/** The static namespace of FeedbackOutbox. */
export namespace FeedbackOutbox {
  /** Construction options; timers, clock, jitter and keys are injectable for tests. */
  export interface IOptions<TBody, TResult> {
    store: IKeyValueStore;
    storageKey: string;
    send: (
      entry: IOutboxEntry<TBody, TResult>
    ) => Promise<SendOutcome<TResult>>;
    baseDelayMs?: number;
    maxDelayMs?: number;
    random?: () => number;
    setTimer?: (fn: () => void, ms: number) => unknown;
    clearTimer?: (handle: unknown) => void;
    makeKey?: () => string;
    now?: () => Date;
  }
}

/** A random UUIDv4, the form the service expects in Idempotency-Key. */
export function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
