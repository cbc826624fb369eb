/** The status-bar entry of feedback: always there, it says how many items have news and how many submissions wait. */
import { Widget } from '@lumino/widgets';

/** The storage key of a user's feedback outbox (the model in the lazy chunk writes it). */
export function outboxKey(user: string): string {
  return `jupyterlab-catalyst:feedback:${user}:outbox`;
}

/** How many submissions of `user` wait in this browser, read without loading the feedback code. */
export function queuedCount(
  store: Pick<Storage, 'getItem'>,
  user: string
): number {
  try {
    const entries = JSON.parse(store.getItem(outboxKey(user)) ?? '[]') as {
      state?: string;
    }[];
    return Array.isArray(entries)
      ? entries.filter(e => e?.state === 'queued').length
      : 0;
  } catch {
    return 0;
  }
}

/** A small button; plain DOM so that JupyterLab's start loads almost nothing for it. */
export class FeedbackStatusItem extends Widget {
  /** Create the item; `onOpen` opens the feedback widget. */
  constructor(private readonly _options: FeedbackStatusItem.IOptions) {
    super({ node: document.createElement('button') });
    this.addClass('jp-Catalyst-feedback-statusItem');
    const button = this.node as HTMLButtonElement;
    button.type = 'button';
    button.addEventListener('click', () => _options.onOpen());
    this.refresh();
  }

  /** Show the current counts: news first (the person has something to read), then waiting submissions. */
  refresh(): void {
    const { count, news, queuedLabel, newsLabel, label, caption } =
      this._options;
    const queued = count();
    const fresh = news?.() ?? 0;
    const said = [
      ...(fresh > 0 && newsLabel ? [newsLabel(fresh)] : []),
      ...(queued > 0 ? [queuedLabel(queued)] : [])
    ];
    this.node.textContent = said[0] ?? label;
    // The button's name is its text; the tooltip also says what the text leaves out.
    this.node.title = [...said.slice(1), caption].join('. ');
    this.node.dataset.queued = String(queued);
    this.node.dataset.news = String(fresh);
  }
}

/** The static namespace of FeedbackStatusItem. */
export namespace FeedbackStatusItem {
  /** Construction options. */
  export interface IOptions {
    label: string;
    caption: string;
    /** The label when `n` submissions wait. */
    queuedLabel: (n: number) => string;
    count: () => number;
    /** How many of my items have unseen news (none until the news model is wired). */
    news?: () => number;
    /** The label when `n` items have unseen news. */
    newsLabel?: (n: number) => string;
    onOpen: () => void;
  }
}
