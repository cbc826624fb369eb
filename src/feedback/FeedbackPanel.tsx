/** The feedback widget: tabs to send input, follow one's own, see the community's, and (Core Team) triage. */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Role } from '../api/types';
import type { FeedbackApi } from '../api/feedback';
import { Consultations } from './Consultations';
import { FeedbackForm } from './FeedbackForm';
import { reasonLabel, waitLabel } from './labels';
import type { FeedbackModel, IAvailableContext } from './model';
import type { FeedbackNews } from './news';
import { CommunityFeedback, MyFeedback } from './MyFeedback';
import { Triage } from './Triage';

/** The tabs of the widget. */
export type FeedbackTab =
  'send' | 'mine' | 'community' | 'triage' | 'consultations';

/** The widget's content: a React view over a FeedbackModel. */
export class FeedbackWidget extends ReactWidget {
  /** Create the widget. */
  constructor(options: FeedbackWidget.IOptions) {
    super();
    this._options = options;
    this.addClass('jp-Catalyst-feedback');
  }

  /** Re-render on every model change. */
  protected render(): JSX.Element {
    const { model } = this._options;
    return (
      <UseSignal signal={model.changed}>
        {() =>
          this._options.news ? (
            <UseSignal signal={this._options.news.changed}>
              {() => <FeedbackView {...this._options} />}
            </UseSignal>
          ) : (
            <FeedbackView {...this._options} />
          )
        }
      </UseSignal>
    );
  }

  private _options: FeedbackWidget.IOptions;
}

/** The static namespace of FeedbackWidget. */
export namespace FeedbackWidget {
  /** Construction options. */
  export interface IOptions {
    model: FeedbackModel;
    api: FeedbackApi;
    trans: TranslationBundle;
    uiLanguage: string;
    roles: Role[];
    /** Unseen responses and decisions on my items; "My feedback" marks and clears them. */
    news?: FeedbackNews;
    getContext: () => IAvailableContext;
  }
}

/** The message of a failed action, in the person's language where the service's code is known. */
export function errorMessage(trans: TranslationBundle, error: unknown): string {
  const e = error as {
    code?: string;
    message?: string;
    status?: number;
    retryAfter?: number;
  };
  if (e?.status === 0) {
    return trans.__('The Catalyst service cannot be reached. Try again later.');
  }
  if (e?.code === 'rate_limited') {
    return typeof e.retryAfter === 'number'
      ? trans.__(
          'Too many requests: try again in %1.',
          waitLabel(trans, e.retryAfter)
        )
      : trans.__('Too many requests: wait a moment and try again.');
  }
  return reasonLabel(trans, e?.code ?? '', e?.message ?? String(error));
}

/** Tabs, the live regions, and the tab's content. */
export function FeedbackView(props: FeedbackWidget.IOptions): JSX.Element {
  const { model, api, trans, uiLanguage, roles, getContext, news } = props;
  const [tab, setTab] = React.useState<FeedbackTab>('send');
  const [status, setStatus] = React.useState('');
  const [alert, setAlert] = React.useState('');
  const coreTeam = roles.includes('core-team');

  React.useEffect(() => {
    void model.loadOptions().catch(() => undefined);
  }, []);

  const announce = React.useCallback((message: string, urgent = false) => {
    if (urgent) {
      setAlert(message);
      setStatus('');
    } else {
      setStatus(message);
      setAlert('');
    }
  }, []);

  const run = React.useCallback(
    async (action: () => Promise<unknown>, done?: string) => {
      try {
        await action();
        if (done) {
          announce(done);
        }
        return true;
      } catch (error) {
        announce(errorMessage(trans, error), true);
        return false;
      }
    },
    [trans]
  );

  const tabs: [FeedbackTab, string][] = [
    ['send', trans.__('Send feedback')],
    [
      'mine',
      news?.count
        ? trans._n(
            'My feedback (%1 new)',
            'My feedback (%1 new)',
            news.count,
            news.count
          )
        : trans.__('My feedback')
    ],
    ['community', trans.__('Community')],
    ...(coreTeam
      ? ([
          ['triage', trans.__('Triage')],
          ['consultations', trans.__('Consultations')]
        ] as [FeedbackTab, string][])
      : [])
  ];

  const onKeyDown = (event: React.KeyboardEvent) => {
    // Arrow keys move between tabs, as the ARIA tabs pattern expects.
    const index = tabs.findIndex(([id]) => id === tab);
    const delta =
      event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (delta) {
      const next = tabs[(index + delta + tabs.length) % tabs.length][0];
      setTab(next);
      document.getElementById(`jp-Catalyst-feedback-tab-${next}`)?.focus();
      event.preventDefault();
    }
  };

  const queued = model.entries.filter(e => e.state === 'queued').length;
  const listProps = { model, trans, uiLanguage, announce, run, news };
  return (
    <div className="jp-Catalyst-content jp-Catalyst-feedback-content">
      <h2 className="jp-Catalyst-title">{trans.__('Feedback')}</h2>
      <div
        role="tablist"
        aria-label={trans.__('Feedback')}
        className="jp-Catalyst-feedback-tabs"
        onKeyDown={onKeyDown}
      >
        {tabs.map(([id, label]) => (
          <button
            key={id}
            id={`jp-Catalyst-feedback-tab-${id}`}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls="jp-Catalyst-feedback-tabpanel"
            tabIndex={tab === id ? 0 : -1}
            className="jp-Catalyst-feedback-tab"
            data-tab={id}
            onClick={() => setTab(id)}
          >
            {label}
            {id === 'send' && queued > 0 ? ` (${queued})` : ''}
          </button>
        ))}
      </div>
      <div
        className="jp-Catalyst-feedback-status"
        role="status"
        aria-live="polite"
      >
        {status}
      </div>
      <div className="jp-Catalyst-feedback-alert" role="alert">
        {alert}
      </div>
      <div
        id="jp-Catalyst-feedback-tabpanel"
        role="tabpanel"
        aria-labelledby={`jp-Catalyst-feedback-tab-${tab}`}
        className="jp-Catalyst-feedback-panel"
        data-tab={tab}
      >
        {tab === 'send' && (
          <FeedbackForm
            model={model}
            trans={trans}
            uiLanguage={uiLanguage}
            getContext={getContext}
            announce={announce}
          />
        )}
        {tab === 'mine' && <MyFeedback {...listProps} />}
        {tab === 'community' && <CommunityFeedback {...listProps} />}
        {tab === 'triage' && coreTeam && (
          <Triage
            api={api}
            trans={trans}
            uiLanguage={uiLanguage}
            topics={model.options?.topics ?? []}
            announce={announce}
            run={run}
          />
        )}
        {tab === 'consultations' && coreTeam && (
          <Consultations
            api={api}
            trans={trans}
            uiLanguage={uiLanguage}
            run={run}
          />
        )}
      </div>
    </div>
  );
}
