/** The feedback widget's calls to the service (`api/feedback/...`), typed after docs/feedback.md. */
import type { ICatalystClient } from '../tokens';

/** Where an item is in triage (governance.md §5.1). */
export type FeedbackState =
  | 'new'
  | 'under_review'
  | 'accepted'
  | 'implemented'
  | 'declined'
  | 'merged'
  | 'withdrawn';

/** Every state, in the order triage lists them. */
export const FEEDBACK_STATES: readonly FeedbackState[] = [
  'new',
  'under_review',
  'accepted',
  'implemented',
  'declined',
  'merged',
  'withdrawn'
];

/** What an item is attached to, offered by the form and sent only when ticked. */
export interface IFeedbackContext {
  kind: 'notebook' | 'tutorial';
  path?: string;
  tutorialId?: string;
  step?: string;
}

/** An official Core Team answer. */
export interface IFeedbackResponse {
  id: string;
  text: string;
  lang: string;
  status: 'draft' | 'published';
  publishedAt: string | null;
  createdAt: string;
  author?: string;
}

/** An item as members see it. */
export interface IFeedbackItem {
  id: string;
  hubId: string;
  topic: string | null;
  consultationId: string | null;
  title: string;
  body: string;
  lang: string;
  context: IFeedbackContext | null;
  anonymous: boolean;
  state: FeedbackState;
  mergedInto: string | null;
  createdOn: string;
  supportCount: number;
  supportedByMe: boolean;
  mine: boolean;
  responses: IFeedbackResponse[];
}

/** An item as the Core Team sees it in triage. */
export interface ITriageItem extends IFeedbackItem {
  author: string | null;
  authorship: 'identified' | 'anonymous' | 'former';
  communityId: string | null;
  reportCount: number;
  hidden: boolean;
  updatedAt: string;
}

/** One append-only line of an item's history. */
export interface IHistoryEntry {
  id: string;
  itemId: string;
  kind: string;
  from: FeedbackState | null;
  to: FeedbackState | null;
  actorRole: 'author' | 'core-team' | 'system';
  actor: string | null;
  note: string | null;
  at: string;
}

/** A question the Core Team puts to communities for a period. */
export interface IConsultation {
  id: string;
  question: string;
  description: string;
  communities: string[];
  languages: string[];
  opensAt: string;
  closesAt: string;
  anonymous: boolean;
  resultsHidden: boolean;
  status: 'scheduled' | 'open' | 'closed';
  replyCount: number | null;
  replied: boolean;
}

/** Topics and limits the service applies. */
export interface IFeedbackOptions {
  topics: string[];
  limits: {
    titleMin: number;
    titleMax: number;
    bodyMax: number;
    perDay: number;
    perSecond: number;
    receiptsPerLookup: number;
  };
}

/** What `POST items` sends. */
export interface INewFeedback {
  title: string;
  body: string;
  lang: string;
  topic?: string;
  consultationId?: string;
  anonymous?: boolean;
  context?: IFeedbackContext;
}

/** What `POST items` answers. */
export interface ISubmitted {
  item: IFeedbackItem;
  receipt: string | null;
}

/** Everything the feedback service holds under a person's name (`GET me/export`). */
export interface IMyFeedbackData {
  exportedAt: string;
  user: string;
  hub: string;
  items: IFeedbackItem[];
  supports: { itemId: string; title: string }[];
  reports: { itemId: string; reason: string; at: string }[];
  /** When I last saw the Core Team's news of each of my items. */
  seen: { itemId: string; at: string }[];
  note: string;
}

/** What erasing does to one's identified items: delete them, or keep them signed "former participant". */
export type EraseMode = 'delete' | 'reattribute';

/** How much `POST me/erase` erased. */
export interface IErased {
  items: number;
  supports: number;
  reports: number;
}

/** Triage filters (also used by the export). */
export interface ITriageFilters {
  state?: string;
  hub?: string;
  community?: string;
  consultation?: string;
  language?: string;
  topic?: string;
  hidden?: string;
}

/** One cell of the trends: a week, a state and a topic. */
export interface ITrendCell {
  week: string;
  state: FeedbackState;
  topic: string;
  count: number | null;
  suppressed: boolean;
}

/** What opening a consultation sends. */
export interface INewConsultation {
  question: string;
  description?: string;
  communities: string[];
  languages: string[];
  opensAt: string;
  closesAt: string;
  anonymous: boolean;
  resultsHidden: boolean;
}

/** A transition request of triage. */
export interface ITransition {
  to: FeedbackState;
  response?: { text: string; lang: string };
  note?: string;
  into?: string;
}

/** Why a person reports an item. */
export type ReportReason = 'spam' | 'offensive' | 'personal_data' | 'other';

const BASE = 'api/feedback/';
const enc = encodeURIComponent;
const post = (body: unknown) => ({ method: 'POST' as const, body });

/** The query string of the set fields of `params` ('' when none). */
export function queryString(
  params: Record<string, string | number | undefined | null>
): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The feedback API over the Catalyst client. */
export class FeedbackApi {
  constructor(private readonly _client: ICatalystClient) {}

  /** Topics and limits. */
  options(): Promise<IFeedbackOptions> {
    return this._client.request(`${BASE}options`);
  }

  /** Submit under an Idempotency-Key; the same key again answers the same item and receipt. */
  submit(body: INewFeedback, idempotencyKey: string): Promise<ISubmitted> {
    return this._client.request(`${BASE}items`, {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': idempotencyKey }
    });
  }

  /** Items of this hub visible to its community, a page at a time. */
  list(
    query: { topic?: string; consultationId?: string; cursor?: string } = {}
  ): Promise<{ items: IFeedbackItem[]; nextCursor: string | null }> {
    return this._client.request(`${BASE}items${queryString(query)}`);
  }

  /** My identified items, in every state. */
  mine(): Promise<{ items: IFeedbackItem[] }> {
    return this._client.request(`${BASE}mine`);
  }

  /** Anonymous items found by their receipt codes (sent in the body, never in a URL). */
  lookup(
    receipts: string[]
  ): Promise<{ items: IFeedbackItem[]; unknown: string[] }> {
    return this._client.request(`${BASE}mine/lookup`, post({ receipts }));
  }

  /** Add or take back my support (+1). */
  support(
    id: string,
    on: boolean
  ): Promise<{ supportCount: number; supportedByMe: boolean }> {
    return this._client.request(`${BASE}items/${enc(id)}/support`, {
      method: on ? 'PUT' : 'DELETE'
    });
  }

  /** Withdraw my item while new or under review; anonymous ones need their receipt. */
  withdraw(id: string, receipt?: string): Promise<IFeedbackItem> {
    return this._client.request(
      `${BASE}items/${enc(id)}/withdraw`,
      post(receipt ? { receipt } : {})
    );
  }

  /** Report an item to the Core Team. */
  report(id: string, reason: ReportReason): Promise<{ reported: boolean }> {
    return this._client.request(
      `${BASE}items/${enc(id)}/report`,
      post({ reason })
    );
  }

  /** Everything the service holds under my name: identified items, supports, reports. */
  exportMine(): Promise<IMyFeedbackData> {
    return this._client.request(`${BASE}me/export`);
  }

  /** Erase my identified items (deleted or re-attributed), my supports and my reports. */
  eraseMine(mode: EraseMode): Promise<IErased> {
    return this._client.request(`${BASE}me/erase`, post({ mode }));
  }

  /** Consultations addressed to this hub (scheduled, open, recently closed). */
  consultations(): Promise<{ consultations: IConsultation[] }> {
    return this._client.request(`${BASE}consultations`);
  }

  /** Open a consultation (Core Team). */
  openConsultation(body: INewConsultation): Promise<IConsultation> {
    return this._client.request(`${BASE}consultations`, post(body));
  }

  /** Change a consultation: extend it, or turn on a one-way setting (Core Team). */
  updateConsultation(
    id: string,
    body: Partial<
      Pick<
        INewConsultation,
        'question' | 'description' | 'closesAt' | 'anonymous' | 'resultsHidden'
      >
    >
  ): Promise<IConsultation> {
    return this._client.request(`${BASE}consultations/${enc(id)}`, {
      method: 'PATCH',
      body
    });
  }

  /** Every consultation, newest first (Core Team). */
  allConsultations(): Promise<{ consultations: IConsultation[] }> {
    return this._client.request(`${BASE}triage/consultations`);
  }

  /** Items of every hub for triage (Core Team). */
  triage(
    filters: ITriageFilters,
    cursor?: string
  ): Promise<{ items: ITriageItem[]; nextCursor: string | null }> {
    return this._client.request(
      `${BASE}triage/items${queryString({ ...filters, cursor })}`
    );
  }

  /** One item with its full history (Core Team). */
  triageItem(id: string): Promise<ITriageItem & { history: IHistoryEntry[] }> {
    return this._client.request(`${BASE}triage/items/${enc(id)}`);
  }

  /** Move an item to another state (Core Team). */
  transition(id: string, body: ITransition): Promise<ITriageItem> {
    return this._client.request(
      `${BASE}triage/items/${enc(id)}/transition`,
      post(body)
    );
  }

  /** Draft (or publish at once) a response (Core Team). */
  draftResponse(
    id: string,
    body: { text: string; lang: string; publish?: boolean }
  ): Promise<IFeedbackResponse> {
    return this._client.request(
      `${BASE}triage/items/${enc(id)}/responses`,
      post(body)
    );
  }

  /** Edit a draft response or publish it (Core Team). */
  updateResponse(
    id: string,
    responseId: string,
    body: { text?: string; publish?: true }
  ): Promise<IFeedbackResponse> {
    return this._client.request(
      `${BASE}triage/items/${enc(id)}/responses/${enc(responseId)}`,
      { method: 'PATCH', body }
    );
  }

  /** Hide or restore an item (Core Team). */
  moderate(id: string, action: 'hide' | 'restore'): Promise<ITriageItem> {
    return this._client.request(
      `${BASE}triage/items/${enc(id)}/moderation`,
      post({ action })
    );
  }

  /** Counts per week, state and topic, small anonymous cells suppressed (Core Team). */
  trends(
    query: { from?: string; to?: string } & Omit<
      ITriageFilters,
      'state' | 'language' | 'hidden'
    >
  ): Promise<{ weeks: ITrendCell[] }> {
    return this._client.request(`${BASE}triage/trends${queryString(query)}`);
  }

  /** The export file (CSV or JSON) as the service writes it, wrapped in JSON (Core Team; audit-logged). */
  exportFile(
    filters: ITriageFilters,
    format: 'csv' | 'json',
    separator: ',' | ';' = ','
  ): Promise<{ filename: string; contentType: string; content: string }> {
    return this._client.request(
      `${BASE}triage/export${queryString({
        ...filters,
        format,
        ...(format === 'csv' ? { separator } : {}),
        envelope: 'json'
      })}`
    );
  }
}
