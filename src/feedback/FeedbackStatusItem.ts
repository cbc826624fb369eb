/** The status-bar entry of feedback: always there, it says how many submissions wait to be sent. */
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
    button.title = _options.caption;
    button.addEventListener('click', () => _options.onOpen());
    this.refresh();
  }

  /** Show the current count of waiting submissions. */
  refresh(): void {
    const count = this._options.count();
    this.node.textContent =
      count > 0 ? this._options.queuedLabel(count) : this._options.label;
    this.node.dataset.queued = String(count);
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
    onOpen: () => void;
  }
}
