/** Entry of the lazily loaded feedback chunk: the model (and its outbox) and the widget. */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';

import { FeedbackApi, type IFeedbackContext } from '../api/feedback';
import type { Role } from '../api/types';
import type { ICatalystClient } from '../tokens';
import { FeedbackWidget } from './FeedbackPanel';
import { FeedbackModel, type IAvailableContext } from './model';
import type { FeedbackNews } from './news';
import type { IKeyValueStore } from './outbox';
import { toLangTag } from './validation';

/** What the plugin hands over. */
export interface IFeedbackSessionOptions {
  client: ICatalystClient;
  trans: TranslationBundle;
  /** JupyterLab's locale, e.g. `es_ES`. */
  locale: string;
  /** The hub user (keys the browser storage). */
  user: string;
  store: IKeyValueStore;
  /** Unseen responses and decisions, polled by the plugin. */
  news?: FeedbackNews;
}

/** The feedback model of this page, and the widgets built on it. */
export class FeedbackSession {
  /** Start the model: what waits in the outbox is sent at once. */
  constructor(private readonly _options: IFeedbackSessionOptions) {
    this.api = new FeedbackApi(_options.client);
    this.model = new FeedbackModel({
      api: this.api,
      store: _options.store,
      user: _options.user
    });
    // A page that lost the service sends what waits as soon as it answers again.
    _options.client.stateChanged.connect((_, state) => {
      if (
        state === 'connected' &&
        this.model.entries.some(e => e.state === 'queued')
      ) {
        void this.model.retryNow();
      }
    }, this);
  }

  /** The service API. */
  readonly api: FeedbackApi;
  /** The model. */
  readonly model: FeedbackModel;

  /** Remember the document in front of the person, offered as context. */
  noteCurrent(widget: Widget | null): void {
    const path = documentPath(widget);
    if (path) {
      this._notebook = { kind: 'notebook', path };
    }
  }

  /** Build a widget for this user's roles. */
  createWidget(roles: Role[]): FeedbackWidget {
    const { trans, locale, news } = this._options;
    return new FeedbackWidget({
      model: this.model,
      api: this.api,
      trans,
      uiLanguage: toLangTag(locale),
      roles,
      news,
      getContext: () => this.context()
    });
  }

  /** The notebook and tutorial step that may be attached. */
  context(): IAvailableContext {
    return {
      notebook: this._notebook,
      tutorial: tutorialStep(this._options.store, this._options.user)
    };
  }

  private _notebook: IFeedbackContext | null = null;
}

/** The path of a document widget (notebook, file), or null. */
export function documentPath(widget: Widget | null): string | null {
  const context = (widget as { context?: { path?: unknown } } | null)?.context;
  return typeof context?.path === 'string' && context.path
    ? context.path
    : null;
}

/**
 * The tutorial step open in the training panel, from what the panel keeps in browser storage.
 *
 * #### Notes
 * Reading storage keeps the training chunk unloaded when only feedback is used.
 */
export function tutorialStep(
  store: IKeyValueStore,
  user: string
): IFeedbackContext | null {
  try {
    const prefix = `jupyterlab-catalyst:training:${user}:`;
    const open = JSON.parse(
      store.getItem(`${prefix}open`) ?? 'null'
    ) as unknown;
    if (typeof open !== 'string' || !open) {
      return null;
    }
    const positions = JSON.parse(
      store.getItem(`${prefix}position`) ?? '{}'
    ) as Record<string, unknown>;
    const step = positions[open];
    return {
      kind: 'tutorial',
      tutorialId: open,
      ...(typeof step === 'string' && step ? { step } : {})
    };
  } catch {
    return null;
  }
}
