/** "My feedback" (own items, anonymous ones by receipt) and the community's items (support, report). */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IFeedbackItem, ReportReason } from '../api/feedback';
import { languageName, stateLabel, topicLabel } from './labels';
import { MyData } from './MyData';
import { RadioBody } from './RadioBody';
import type { FeedbackModel } from './model';
import type { FeedbackNews } from './news';

/** How a receipt code looks (Crockford base32 in four groups). */
const RECEIPT_FORMAT = 'XXXX-XXXX-XXXX-XXXX';

/** Props shared by the lists. */
export interface IListProps {
  model: FeedbackModel;
  trans: TranslationBundle;
  uiLanguage: string;
  /** Say something through the live region. */
  announce: (message: string, urgent?: boolean) => void;
  /** Run an action and announce its failure. */
  run: (action: () => Promise<unknown>, done?: string) => Promise<boolean>;
  /** Unseen responses and decisions on my items. */
  news?: FeedbackNews;
}

/** One item as text: title, state, topic, date, body and published responses. */
export function ItemCard(props: {
  item: IFeedbackItem;
  trans: TranslationBundle;
  uiLanguage: string;
  receipt?: string | null;
  /** Whether it has a response or decision the author had not seen when the list opened. */
  isNew?: boolean;
  children?: React.ReactNode;
}): JSX.Element {
  const { item, trans, uiLanguage, receipt, isNew, children } = props;
  return (
    <article
      className="jp-Catalyst-feedback-item"
      data-item={item.id}
      data-state={item.state}
      data-new={isNew ? 'true' : undefined}
      aria-labelledby={`jp-Catalyst-feedback-item-${item.id}`}
    >
      <h4
        id={`jp-Catalyst-feedback-item-${item.id}`}
        className="jp-Catalyst-feedback-itemTitle"
      >
        {item.title}
      </h4>
      <p className="jp-Catalyst-feedback-meta">
        {isNew && (
          <span className="jp-Catalyst-feedback-new">
            {trans.__('New response or decision')}
          </span>
        )}
        <span className="jp-Catalyst-feedback-state" data-state={item.state}>
          {stateLabel(trans, item.state)}
        </span>
        <span>
          {item.topic
            ? topicLabel(trans, item.topic)
            : trans.__('Consultation reply')}
        </span>
        <span>{item.createdOn}</span>
        <span>{languageName(item.lang, uiLanguage)}</span>
        {item.anonymous && <span>{trans.__('Anonymous')}</span>}
        <span>{trans.__('Supporters: %1', item.supportCount)}</span>
      </p>
      {receipt && (
        <p className="jp-Catalyst-feedback-hint">
          {trans.__('Receipt code:')} <code>{receipt}</code>
        </p>
      )}
      <p className="jp-Catalyst-feedback-body">{item.body}</p>
      {item.responses.length > 0 && (
        <section
          className="jp-Catalyst-feedback-responses"
          aria-label={trans.__('Responses of the Core Team')}
        >
          {item.responses.map(r => (
            <blockquote
              key={r.id}
              className="jp-Catalyst-feedback-response"
              lang={r.lang}
            >
              <p className="jp-Catalyst-feedback-hint">
                {trans.__('Core Team response')}
                {r.publishedAt ? ` · ${r.publishedAt.slice(0, 10)}` : ''}
              </p>
              <p className="jp-Catalyst-feedback-body">{r.text}</p>
            </blockquote>
          ))}
        </section>
      )}
      {children}
    </article>
  );
}

/** My items with their state and responses; withdraw while new or under review; follow by code. */
export function MyFeedback(props: IListProps): JSX.Element {
  const { model, trans, uiLanguage, run, announce, news } = props;
  const [code, setCode] = React.useState('');
  const [loading, setLoading] = React.useState(true);
  // What was new when the list opened stays marked while it is open, though it counts as seen at once.
  const [fresh, setFresh] = React.useState<ReadonlySet<string>>(new Set());
  React.useEffect(() => {
    void run(() => Promise.all([model.loadMine(), news?.check(true)])).then(
      () => {
        setLoading(false);
        if (news) {
          const shown = model.mine.map(i => i.id).filter(id => news.isNew(id));
          if (shown.length > 0) {
            setFresh(new Set(shown));
            announce(
              trans._n(
                '%1 of your items has a new response or decision.',
                '%1 of your items have a new response or decision.',
                shown.length,
                shown.length
              )
            );
            void news.seen(shown);
          }
        }
      }
    );
  }, []);

  const withdraw = async (item: IFeedbackItem) => {
    const answer = await showDialog({
      title: trans.__('Withdraw this feedback?'),
      body: trans.__(
        '“%1” will no longer be considered or shown to others. This cannot be undone.',
        item.title
      ),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Keep it') }),
        Dialog.warnButton({ label: trans.__('Withdraw') })
      ]
    });
    if (answer.button.accept) {
      await run(() => model.withdraw(item), trans.__('Withdrawn.'));
    }
  };

  const follow = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      return;
    }
    let found: IFeedbackItem | null = null;
    const ok = await run(async () => {
      found = await model.follow(code);
    });
    if (ok) {
      if (found) {
        setCode('');
        announce(trans.__('Found: your anonymous item is listed below.'));
      } else {
        announce(trans.__('No item of this hub has this receipt code.'), true);
      }
    }
  };

  return (
    <div className="jp-Catalyst-feedback-mine">
      <form className="jp-Catalyst-feedback-follow" onSubmit={follow}>
        <label htmlFor="jp-Catalyst-feedback-receiptInput">
          {trans.__('Follow an anonymous item by its receipt code')}
        </label>
        <input
          id="jp-Catalyst-feedback-receiptInput"
          type="text"
          value={code}
          autoComplete="off"
          spellCheck={false}
          placeholder={RECEIPT_FORMAT}
          onChange={e => setCode(e.target.value)}
        />
        <button type="submit" className="jp-mod-styled">
          {trans.__('Follow')}
        </button>
      </form>
      {loading ? (
        <p className="jp-Catalyst-feedback-hint" role="status">
          {trans.__('Loading your feedback…')}
        </p>
      ) : model.mine.length === 0 ? (
        <p className="jp-Catalyst-feedback-empty">
          {trans.__(
            'You have not sent feedback yet, or it is still waiting to be sent.'
          )}
        </p>
      ) : (
        model.mine.map(item => (
          <ItemCard
            key={item.id}
            item={item}
            trans={trans}
            uiLanguage={uiLanguage}
            receipt={model.receiptFor(item.id)}
            isNew={fresh.has(item.id)}
          >
            {(item.state === 'new' || item.state === 'under_review') && (
              <button
                type="button"
                className="jp-mod-styled jp-Catalyst-feedback-withdraw"
                onClick={() => void withdraw(item)}
              >
                {trans.__('Withdraw')}
              </button>
            )}
          </ItemCard>
        ))
      )}
      <MyData {...props} />
    </div>
  );
}

/** Items of this hub visible to its community: support (+1) and report. */
export function CommunityFeedback(props: IListProps): JSX.Element {
  const { model, trans, uiLanguage, run } = props;
  const [loading, setLoading] = React.useState(true);
  React.useEffect(() => {
    void run(() => model.loadCommunity()).then(() => setLoading(false));
  }, []);

  const report = async (item: IFeedbackItem) => {
    const reasons: [ReportReason, string][] = [
      ['spam', trans.__('Spam')],
      ['offensive', trans.__('Offensive')],
      ['personal_data', trans.__('Shows personal data')],
      ['other', trans.__('Something else')]
    ];
    const answer = await showDialog<ReportReason>({
      title: trans.__('Report “%1”', item.title),
      body: new RadioBody(reasons, trans.__('Why do you report it?')),
      buttons: [
        Dialog.cancelButton(),
        Dialog.warnButton({ label: trans.__('Report') })
      ]
    });
    if (answer.button.accept && answer.value) {
      const reason = answer.value;
      await run(
        () => model.report(item, reason),
        trans.__('Reported to the Core Team.')
      );
    }
  };

  if (loading) {
    return (
      <p className="jp-Catalyst-feedback-hint" role="status">
        {trans.__('Loading…')}
      </p>
    );
  }
  const others = model.community.filter(i => !i.mine);
  return (
    <div className="jp-Catalyst-feedback-community">
      {others.length === 0 ? (
        <p className="jp-Catalyst-feedback-empty">
          {trans.__('Nobody else on this hub has sent visible feedback yet.')}
        </p>
      ) : (
        others.map(item => (
          <ItemCard
            key={item.id}
            item={item}
            trans={trans}
            uiLanguage={uiLanguage}
          >
            <div className="jp-Catalyst-feedback-itemActions">
              {['new', 'under_review', 'accepted'].includes(item.state) && (
                <button
                  type="button"
                  className="jp-mod-styled jp-Catalyst-feedback-support"
                  aria-pressed={item.supportedByMe}
                  onClick={() =>
                    void run(() => model.support(item, !item.supportedByMe))
                  }
                >
                  {item.supportedByMe
                    ? trans.__('Supported (+1): take back')
                    : trans.__('Support (+1)')}
                </button>
              )}
              <button
                type="button"
                className="jp-mod-styled"
                disabled={model.reported(item.id)}
                onClick={() => void report(item)}
              >
                {model.reported(item.id)
                  ? trans.__('Reported')
                  : trans.__('Report')}
              </button>
            </div>
          </ItemCard>
        ))
      )}
      {model.hasMoreCommunity && (
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void run(() => model.loadCommunity(true))}
        >
          {trans.__('Show more')}
        </button>
      )}
    </div>
  );
}
