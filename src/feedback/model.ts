/** The feedback widget's state: the outbox, my items, receipts, community items and consultations. */
import { ISignal, Signal } from '@lumino/signaling';

import { ApiError } from '../api/errors';
import type {
  EraseMode,
  FeedbackApi,
  IConsultation,
  IFeedbackContext,
  IFeedbackItem,
  IErased,
  IFeedbackOptions,
  IMyFeedbackData,
  INewFeedback,
  ReportReason
} from '../api/feedback';
import {
  FeedbackOutbox,
  type IDeliveryReason,
  type IKeyValueStore,
  type IOutboxEntry,
  type SendOutcome
} from './outbox';
import type { IFeedbackDraft } from './validation';
import { readJson, writeJson } from '../storage';

/** What the outbox keeps of a delivered submission. */
export interface IDelivered {
  itemId: string;
  receipt: string | null;
}

/** One queued, sent, held or refused submission. */
export type FeedbackEntry = IOutboxEntry<INewFeedback, IDelivered>;

/** An anonymous item this browser sent, followed by its receipt code. */
export interface IReceipt {
  code: string;
  itemId: string;
  title: string;
  createdOn: string;
}

/** What the person has in front of them, offered as context. */
export interface IAvailableContext {
  notebook: IFeedbackContext | null;
  tutorial: IFeedbackContext | null;
}

/** Codes of a 409 that mean "keep the draft, the consultation cannot take it now". */
const HELD_CODES = new Set([
  'consultation_closed',
  'consultation_not_open',
  'not_addressed',
  'already_replied'
]);

/** The state behind the feedback views (no DOM). */
export class FeedbackModel {
  /** Create the model; the outbox starts sending what waits at once. */
  constructor(options: FeedbackModel.IOptions) {
    this._api = options.api;
    this._store = options.store;
    this._prefix = `jupyterlab-catalyst:feedback:${options.user}:`;
    this._outbox = new FeedbackOutbox<INewFeedback, IDelivered>({
      store: options.store,
      storageKey: `${this._prefix}outbox`,
      send: entry => this._send(entry),
      ...options.outbox
    });
    this._outbox.changed.connect(() => this._changed.emit());
    void this._outbox.flush();
  }

  /** Emitted on every change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Every submission of this browser, newest first. */
  get entries(): FeedbackEntry[] {
    return this._outbox.entries.slice().reverse();
  }

  /** Whether a submission is being sent right now. */
  get sending(): boolean {
    return this._outbox.sending;
  }

  /** When the outbox tries again (ms since the epoch), or null. */
  get nextRetryAt(): number | null {
    return this._outbox.nextRetryAt;
  }

  /** Why the outbox waits, when the service said so (too many submissions); null otherwise. */
  get waitReason(): IDeliveryReason | null {
    return this._outbox.waitReason;
  }

  /** Topics and limits, once loaded. */
  get options(): IFeedbackOptions | null {
    return this._options;
  }

  /** Consultations addressed to this hub. */
  get consultations(): IConsultation[] {
    return this._consultations;
  }

  /** My items (identified and found by receipt), newest first. */
  get mine(): IFeedbackItem[] {
    return this._mine;
  }

  /** Items of this hub visible to its community. */
  get community(): IFeedbackItem[] {
    return this._community;
  }

  /** Whether more community items can be loaded. */
  get hasMoreCommunity(): boolean {
    return this._communityCursor !== null;
  }

  /** Receipt codes kept in this browser. */
  get receipts(): IReceipt[] {
    return this._read<IReceipt[]>('receipts', []);
  }

  /** The unsent form, kept across reloads. */
  get draft(): IFeedbackDraft | null {
    return this._read<IFeedbackDraft | null>('draft', null);
  }

  /** Keep the form's content so a reload loses nothing. */
  saveDraft(draft: IFeedbackDraft | null): void {
    this._write('draft', draft);
  }

  /** Load topics, limits and consultations. */
  async loadOptions(): Promise<void> {
    const [options, consultations] = await Promise.all([
      this._api.options(),
      this._api.consultations()
    ]);
    this._options = options;
    this._consultations = consultations.consultations;
    this._changed.emit();
  }

  /** Queue a submission; it is stored before anything is sent. */
  submit(body: INewFeedback): FeedbackEntry {
    return this._outbox.add(body);
  }

  /** Send what waits now (after a reconnection or a Retry). */
  retryNow(): Promise<void> {
    return this._outbox.flush();
  }

  /** Forget a held or refused draft, or a delivered record. */
  discard(key: string): void {
    this._outbox.remove(key);
  }

  /** Load my items: identified ones and anonymous ones by the receipts kept here. */
  async loadMine(): Promise<void> {
    const codes = this.receipts.map(r => r.code);
    const [mine, ...found] = await Promise.all([
      this._api.mine(),
      ...chunks(codes, 20).map(part => this._api.lookup(part))
    ]);
    const byId = new Map<string, IFeedbackItem>();
    for (const item of [...mine.items, ...found.flatMap(f => f.items)]) {
      byId.set(item.id, item);
    }
    this._mine = [...byId.values()].sort((a, b) =>
      b.createdOn.localeCompare(a.createdOn)
    );
    for (const entry of this._outbox.entries) {
      const item = entry.result && byId.get(entry.result.itemId);
      if (item && item.responses.length > 0) {
        this._outbox.markAnswered(entry.key);
      }
    }
    this._changed.emit();
  }

  /** Follow an anonymous item by a receipt code typed in (from another device, say). */
  async follow(code: string): Promise<IFeedbackItem | null> {
    const clean = code.trim().toUpperCase();
    const { items } = await this._api.lookup([clean]);
    const item = items[0];
    if (!item) {
      return null;
    }
    this._keepReceipt({
      code: clean,
      itemId: item.id,
      title: item.title,
      createdOn: item.createdOn
    });
    await this.loadMine();
    return item;
  }

  /** The receipt code of an item sent from this browser, if anonymous. */
  receiptFor(itemId: string): string | null {
    return this.receipts.find(r => r.itemId === itemId)?.code ?? null;
  }

  /** Load the first page of community items. */
  async loadCommunity(more = false): Promise<void> {
    const page = await this._api.list(
      more && this._communityCursor ? { cursor: this._communityCursor } : {}
    );
    this._community = more ? [...this._community, ...page.items] : page.items;
    this._communityCursor = page.nextCursor;
    this._changed.emit();
  }

  /** Support (+1) an item or take the support back. */
  async support(item: IFeedbackItem, on: boolean): Promise<void> {
    const answer = await this._api.support(item.id, on);
    const update = (i: IFeedbackItem) =>
      i.id === item.id ? { ...i, ...answer } : i;
    this._community = this._community.map(update);
    this._changed.emit();
  }

  /** Withdraw one of my items (anonymous ones with their receipt). */
  async withdraw(item: IFeedbackItem): Promise<void> {
    const updated = await this._api.withdraw(
      item.id,
      this.receiptFor(item.id) ?? undefined
    );
    this._mine = this._mine.map(i => (i.id === item.id ? updated : i));
    this._changed.emit();
  }

  /** Everything the service holds under my name, for download. */
  exportMine(): Promise<IMyFeedbackData> {
    return this._api.exportMine();
  }

  /**
   * Erase my identified items (deleted or signed "former participant"), supports and reports.
   *
   * #### Notes
   * This browser's records of the erased items go too; anonymous items and their receipts stay,
   * since the service cannot tell they are mine.
   */
  async eraseMine(mode: EraseMode): Promise<IErased> {
    const erased = await this._api.eraseMine(mode);
    for (const entry of this._outbox.entries) {
      const delivered = entry.state === 'sent' || entry.state === 'answered';
      if (delivered && !entry.body.anonymous) {
        this._outbox.remove(entry.key);
      }
    }
    this._reported.clear();
    this._community = [];
    this._communityCursor = null;
    await this.loadMine();
    return erased;
  }

  /** Report an item to the Core Team. */
  async report(item: IFeedbackItem, reason: ReportReason): Promise<void> {
    await this._api.report(item.id, reason);
    this._reported.add(item.id);
    this._changed.emit();
  }

  /** Whether I reported this item in this session. */
  reported(itemId: string): boolean {
    return this._reported.has(itemId);
  }

  /** Stop retrying; what waits stays stored for the next page. */
  dispose(): void {
    this._outbox.dispose();
    Signal.clearData(this);
  }

  private async _send(entry: FeedbackEntry): Promise<SendOutcome<IDelivered>> {
    try {
      const answer = await this._api.submit(entry.body, entry.key);
      if (answer.receipt) {
        this._keepReceipt({
          code: answer.receipt,
          itemId: answer.item.id,
          title: answer.item.title,
          createdOn: answer.item.createdOn
        });
      }
      return {
        kind: 'sent',
        result: { itemId: answer.item.id, receipt: answer.receipt }
      };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  private _keepReceipt(receipt: IReceipt): void {
    const kept = this.receipts.filter(r => r.code !== receipt.code);
    this._write('receipts', [...kept, receipt]);
  }

  private _read<T>(name: string, fallback: T): T {
    return readJson(this._store, this._prefix + name, fallback);
  }

  private _write(name: string, value: unknown): void {
    // Storage full or blocked: the page keeps working from memory.
    writeJson(this._store, this._prefix + name, value);
  }

  private _api: FeedbackApi;
  private _store: IKeyValueStore;
  private _prefix: string;
  private _outbox: FeedbackOutbox<INewFeedback, IDelivered>;
  private _options: IFeedbackOptions | null = null;
  private _consultations: IConsultation[] = [];
  private _mine: IFeedbackItem[] = [];
  private _community: IFeedbackItem[] = [];
  private _communityCursor: string | null = null;
  private _reported = new Set<string>();
  private _changed = new Signal<this, void>(this);
}

/** The static namespace of FeedbackModel. */
export namespace FeedbackModel {
  /** Construction options. */
  export interface IOptions {
    api: FeedbackApi;
    store: IKeyValueStore;
    /** The hub user, so that people sharing a browser keep separate outboxes. */
    user: string;
    /** Outbox timing, for tests. */
    outbox?: Partial<
      Omit<FeedbackOutbox.IOptions<INewFeedback, IDelivered>, 'store' | 'send'>
    >;
  }
}

/** What a failed submission means for the outbox. */
export function outcomeOf(error: unknown): SendOutcome<IDelivered> {
  if (!(error instanceof ApiError)) {
    return { kind: 'retry' };
  }
  const reason = { code: error.code, message: error.message };
  const { status } = error;
  if (status === 409 && HELD_CODES.has(error.code)) {
    return { kind: 'held', reason };
  }
  if (status === 429) {
    const seconds = error.retryAfter;
    return {
      kind: 'retry',
      afterMs: typeof seconds === 'number' ? seconds * 1000 : undefined,
      reason
    };
  }
  // No answer, the service or its database away, the session being renewed: try again later.
  if (status === 0 || status >= 500 || status === 401 || status === 408) {
    return { kind: 'retry' };
  }
  return { kind: 'refused', reason };
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) {
    out.push(list.slice(i, i + size));
  }
  return out;
}
