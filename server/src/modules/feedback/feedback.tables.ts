/** Kysely types of the feedback tables (migration 2026_11_27_050000_feedback). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column, read as `col::text` and written as `YYYY-MM-DD`. */
type IsoDate = ColumnType<string, string, string>;

/** A consultation the Core Team opened, addressed to communities. */
export interface FeedbackConsultationsTable {
  id: Generated<string>;
  hub_id: string | null;
  question: string;
  description: ColumnType<string, string | undefined, string>;
  communities: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  opens_at: ColumnType<Date, Date | string, Date | string>;
  closes_at: ColumnType<Date, Date | string, Date | string>;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  results_hidden: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: Timestamp;
}

/** One piece of input: open (topic) or a reply to a consultation; anonymous rows name nobody. */
export interface FeedbackItemsTable {
  id: string;
  hub_id: string;
  community_id: string | null;
  consultation_id: string | null;
  topic: string | null;
  anonymous: boolean;
  authorship: 'identified' | 'anonymous' | 'former';
  author: string | null;
  receipt_hash: string | null;
  title: string;
  body: string;
  lang: string;
  context: JSONColumnType<
    Record<string, unknown> | null,
    string | null,
    string | null
  >;
  state: ColumnType<string, string | undefined, string>;
  merged_into: string | null;
  hidden: ColumnType<boolean, boolean | undefined, boolean>;
  moderation: ColumnType<string, string | undefined, string>;
  created_on: IsoDate;
  updated_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  /** When the author last had news: a published response or a decision (migration 2026_11_27_100000). */
  news_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  /** When the identified author last saw the item's news; always null for anonymous items. */
  author_seen_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
}

/** A +1 by a hub user. */
export interface FeedbackSupportsTable {
  item_id: string;
  hub_id: string;
  user_name: string;
}

/** A moderation report, one per person per item. */
export interface FeedbackReportsTable {
  item_id: string;
  hub_id: string;
  user_name: string;
  reason: string;
  at: Timestamp;
}

/** An official response, draft until published. */
export interface FeedbackResponsesTable {
  id: Generated<string>;
  item_id: string;
  text: string;
  lang: string;
  status: ColumnType<string, string | undefined, string>;
  author: string;
  created_at: Timestamp;
  published_at: Date | null;
}

/** Append-only history of every change to an item. */
export interface FeedbackHistoryTable {
  id: Generated<string>;
  item_id: string;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  actor_role: string;
  actor: string | null;
  note: string | null;
  at: ColumnType<Date, Date | string, never>;
}

/** The keyed ledger of one-per-person rules: an HMAC and a counter, nothing else. */
export interface FeedbackLedgerTable {
  key: string;
  hub_id: string;
  kind: 'consultation' | 'day';
  consultation_id: string | null;
  count: ColumnType<number, number | undefined, number>;
  purge_after: IsoDate;
}

/** An Idempotency-Key (as an HMAC) and the item it created. */
export interface FeedbackIdempotencyTable {
  key: string;
  item_id: string;
  body_hash: string;
  expires_on: IsoDate;
}
