/** The two small calls behind feedback notifications (`api/feedback/news...`), loaded with JupyterLab's start. */
import type { ICatalystClient } from '../tokens';

/** What is new: my identified items with unseen news, and when followed receipts' items last had news. */
export interface IFeedbackNews {
  items: { id: string; newsAt: string }[];
  receipts: { receipt: string; id: string; newsAt: string | null }[];
}

/** An item whose news the author saw, up to the time they were shown. */
export interface ISeenNews {
  id: string;
  through: string;
}

/** How many receipts one news request carries (the service's `receiptsPerLookup`). */
export const RECEIPTS_PER_NEWS = 20;

/** Feedback news calls; kept apart from the widget's API so the status bar loads no more than this. */
export class FeedbackNewsApi {
  /** Bind to the Catalyst client. */
  constructor(private readonly _client: Pick<ICatalystClient, 'request'>) {}

  /** What is new for me; receipts go in the body, never in a URL. */
  news(receipts: string[]): Promise<IFeedbackNews> {
    return this._client.request('api/feedback/news', {
      method: 'POST',
      body: { receipts }
    });
  }

  /** I saw these identified items' news. */
  markSeen(items: ISeenNews[]): Promise<{ seen: number }> {
    return this._client.request('api/feedback/news/seen', {
      method: 'POST',
      body: { items }
    });
  }
}
