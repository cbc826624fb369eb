/**
 * The progress outbox: updates wait in browser storage until the service confirms them.
 *
 * #### Notes
 * Each update carries its own Idempotency-Key, so a resend after a lost answer has no
 * second effect; the service keeps the newest change and the first pass.
 */
import { ISignal, Signal } from '@lumino/signaling';

import type { StepStatus } from './types';

/** One progress update waiting to be sent. */
export interface IOutboxEntry {
  key: string;
  tutorialId: string;
  version: string;
  stepId: string;
  body: {
    status: StepStatus;
    attempts: number;
    hintsUsed: number;
    clientTime: string;
    passedAt?: string | null;
  };
}

/** Whether everything reached the service. */
export type OutboxState = 'saved' | 'waiting' | 'sending';

/** What sending one entry gave. */
export type SendOutcome = 'sent' | 'retry' | 'drop';

/** A Storage-like store (window.localStorage in the app). */
export interface IKeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Queue of progress updates with retry and exponential backoff. */
export class Outbox {
  /** Create an outbox that keeps its entries under `storageKey`. */
  constructor(options: Outbox.IOptions) {
    this._store = options.store;
    this._storageKey = options.storageKey;
    this._send = options.send;
    this._baseDelayMs = options.baseDelayMs ?? 1000;
    this._maxDelayMs = options.maxDelayMs ?? 60_000;
    this._setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this._clearTimer =
      options.clearTimer ??
      (handle => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this._makeKey = options.makeKey ?? Private.randomKey;
  }

  /** Entries not yet confirmed, oldest first. */
  get pending(): IOutboxEntry[] {
    try {
      const raw = this._store.getItem(this._storageKey);
      return raw ? (JSON.parse(raw) as IOutboxEntry[]) : [];
    } catch {
      return [];
    }
  }

  /** 'saved' when empty, 'sending' during a flush, else 'waiting'. */
  get state(): OutboxState {
    if (this._sending) {
      return 'sending';
    }
    return this.pending.length ? 'waiting' : 'saved';
  }

  /** Emitted when `state` may have changed. */
  get changed(): ISignal<this, OutboxState> {
    return this._changed;
  }

  /** Queue an update (with a fresh idempotency key) and try to send it. */
  add(entry: Omit<IOutboxEntry, 'key'>): IOutboxEntry {
    const full = { ...entry, key: this._makeKey() };
    this._write([...this.pending, full]);
    this._failures = 0;
    void this.flush();
    return full;
  }

  /** Send what waits, in order; stops at the first entry that must be retried. */
  flush(): Promise<void> {
    if (this._running) {
      // Entries added meanwhile go out in the same run.
      this._again = true;
      return this._running;
    }
    this._running = this._drain().finally(() => {
      this._running = null;
    });
    return this._running;
  }

  private async _drain(): Promise<void> {
    do {
      this._again = false;
      await this._sendAll();
    } while (this._again);
  }

  private async _sendAll(): Promise<void> {
    this._cancelTimer();
    this._sending = true;
    this._emit();
    let retry = false;
    try {
      for (const entry of this.pending) {
        const outcome = await this._send(entry).catch(
          (): SendOutcome => 'retry'
        );
        if (outcome === 'retry') {
          retry = true;
          break;
        }
        this._write(this.pending.filter(e => e.key !== entry.key));
      }
    } finally {
      this._sending = false;
    }
    if (retry) {
      this._schedule();
    } else {
      this._failures = 0;
    }
    this._emit();
  }

  /** Stop retrying (entries stay stored for the next page). */
  dispose(): void {
    this._cancelTimer();
    Signal.clearData(this);
  }

  /** The delay before the next retry after `failures` failures. */
  delayAfter(failures: number): number {
    return Math.min(
      this._maxDelayMs,
      this._baseDelayMs * 2 ** Math.max(0, failures - 1)
    );
  }

  private _schedule(): void {
    this._failures++;
    this._cancelTimer();
    this._timer = this._setTimer(() => {
      this._timer = null;
      void this.flush();
    }, this.delayAfter(this._failures));
  }

  private _cancelTimer(): void {
    if (this._timer !== null) {
      this._clearTimer(this._timer);
      this._timer = null;
    }
  }

  private _write(entries: IOutboxEntry[]): void {
    try {
      this._store.setItem(this._storageKey, JSON.stringify(entries));
    } catch {
      // A full or blocked storage loses only what it cannot hold; the page keeps working.
    }
  }

  private _emit(): void {
    this._changed.emit(this.state);
  }

  private _store: IKeyValueStore;
  private _storageKey: string;
  private _send: (entry: IOutboxEntry) => Promise<SendOutcome>;
  private _baseDelayMs: number;
  private _maxDelayMs: number;
  private _setTimer: (fn: () => void, ms: number) => unknown;
  private _clearTimer: (handle: unknown) => void;
  private _makeKey: () => string;
  private _timer: unknown = null;
  private _failures = 0;
  private _sending = false;
  private _again = false;
  private _running: Promise<void> | null = null;
  private _changed = new Signal<this, OutboxState>(this);
}

/** The static namespace of Outbox. */
export namespace Outbox {
  /** Construction options; timers and keys are injectable for tests. */
  export interface IOptions {
    store: IKeyValueStore;
    storageKey: string;
    send: (entry: IOutboxEntry) => Promise<SendOutcome>;
    baseDelayMs?: number;
    maxDelayMs?: number;
    setTimer?: (fn: () => void, ms: number) => unknown;
    clearTimer?: (handle: unknown) => void;
    makeKey?: () => string;
  }
}

namespace Private {
  /** A random idempotency key. */
  export function randomKey(): string {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return `p-${Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')}`;
  }
}
