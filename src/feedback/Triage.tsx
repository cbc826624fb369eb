/** The Core Team's triage: filters, items, moves with confirmation, responses, merge, history, trends, export. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import {
  FEEDBACK_STATES,
  type FeedbackApi,
  type IConsultation,
  type IHistoryEntry,
  type ITrendCell,
  type ITriageFilters,
  type ITriageItem
} from '../api/feedback';
import { describeContext } from './FeedbackForm';
import { languageName, localTime, stateLabel, topicLabel } from './labels';
import { movesFrom, RESPONSE_MIN, type IMove } from './triageRules';
import { TrendsChart } from './TrendsChart';

type Detail = ITriageItem & { history: IHistoryEntry[] };

/** Props of the triage view. */
export interface ITriageProps {
  api: FeedbackApi;
  trans: TranslationBundle;
  uiLanguage: string;
  topics: string[];
  announce: (message: string, urgent?: boolean) => void;
  run: (action: () => Promise<unknown>, done?: string) => Promise<boolean>;
}

/** Save a text as a file through the browser. */
export function download(
  filename: string,
  content: string,
  type: string
): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The triage view. */
export function Triage(props: ITriageProps): JSX.Element {
  const { api, trans, topics, run } = props;
  const [filters, setFilters] = React.useState<ITriageFilters>({});
  const [items, setItems] = React.useState<ITriageItem[] | null>(null);
  const [cursor, setCursor] = React.useState<string | null>(null);
  const [consultations, setConsultations] = React.useState<IConsultation[]>([]);
  const [trends, setTrends] = React.useState<ITrendCell[] | null>(null);
  const [open, setOpen] = React.useState<Detail | null>(null);
  const [separator, setSeparator] = React.useState<',' | ';'>(',');

  const load = async (next = filters) => {
    await run(async () => {
      const [page, weeks] = await Promise.all([
        api.triage(next),
        api.trends({
          topic: next.topic,
          hub: next.hub,
          community: next.community,
          consultation: next.consultation
        })
      ]);
      setItems(page.items);
      setCursor(page.nextCursor);
      setTrends(weeks.weeks);
    });
  };
  React.useEffect(() => {
    void load();
    void run(async () =>
      setConsultations((await api.allConsultations()).consultations)
    );
  }, []);

  const setFilter = (name: keyof ITriageFilters, value: string) => {
    const next = { ...filters, [name]: value || undefined };
    setFilters(next);
    void load(next);
  };

  const openItem = (id: string) =>
    run(async () => setOpen(await api.triageItem(id)));

  const refreshOpen = async (id: string) => {
    setOpen(await api.triageItem(id));
    const page = await api.triage(filters);
    setItems(page.items);
    setCursor(page.nextCursor);
  };

  const exportAs = async (format: 'json' | 'csv') => {
    await run(async () => {
      const file = await api.exportFile(filters, format, separator);
      download(file.filename, file.content, file.contentType);
    }, trans.__('Export downloaded.'));
  };

  if (open) {
    return (
      <ItemDetail
        item={open}
        others={(items ?? []).filter(i => i.id !== open.id)}
        {...props}
        onBack={() => setOpen(null)}
        onChanged={() => refreshOpen(open.id)}
      />
    );
  }

  const select = (
    name: keyof ITriageFilters,
    label: string,
    options: [string, string][]
  ) => (
    <label className="jp-Catalyst-feedback-filter">
      {label}
      <select
        value={filters[name] ?? ''}
        onChange={e => setFilter(name, e.target.value)}
      >
        <option value="">{trans.__('All')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (name: keyof ITriageFilters, label: string) => (
    <label className="jp-Catalyst-feedback-filter">
      {label}
      <input
        type="text"
        defaultValue={filters[name] ?? ''}
        onKeyDown={e => {
          if (e.key === 'Enter') {
            setFilter(name, e.currentTarget.value.trim());
          }
        }}
        onBlur={e => {
          if ((filters[name] ?? '') !== e.currentTarget.value.trim()) {
            setFilter(name, e.currentTarget.value.trim());
          }
        }}
      />
    </label>
  );

  return (
    <div className="jp-Catalyst-feedback-triage">
      <div
        className="jp-Catalyst-feedback-filters"
        role="group"
        aria-label={trans.__('Filters')}
      >
        {select(
          'state',
          trans.__('State'),
          FEEDBACK_STATES.map(s => [s, stateLabel(trans, s)])
        )}
        {text('community', trans.__('Community'))}
        {text('hub', trans.__('Hub'))}
        {select(
          'consultation',
          trans.__('Consultation'),
          consultations.map(c => [c.id, c.question])
        )}
        {text('language', trans.__('Language'))}
        {select(
          'topic',
          trans.__('Topic'),
          topics.map(t => [t, topicLabel(trans, t)])
        )}
      </div>
      <section aria-labelledby="jp-Catalyst-feedback-trendsTitle">
        <h4 id="jp-Catalyst-feedback-trendsTitle">
          {trans.__('Items per week')}
        </h4>
        {trends && <TrendsChart cells={trends} trans={trans} />}
      </section>
      <div className="jp-Catalyst-feedback-export">
        <label>
          {trans.__('CSV separator')}
          <select
            value={separator}
            onChange={e => setSeparator(e.target.value as ',' | ';')}
          >
            <option value=",">,</option>
            <option value=";">;</option>
          </select>
        </label>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void exportAs('csv')}
        >
          {trans.__('Download CSV')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void exportAs('json')}
        >
          {trans.__('Download JSON')}
        </button>
      </div>
      {items === null ? (
        <p role="status">{trans.__('Loading…')}</p>
      ) : items.length === 0 ? (
        <p className="jp-Catalyst-feedback-empty">
          {trans.__('No items match these filters.')}
        </p>
      ) : (
        <table className="jp-Catalyst-feedback-table jp-Catalyst-feedback-triageTable">
          <caption className="jp-Catalyst-feedback-hint">
            {trans.__('%1 items shown', items.length)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{trans.__('Title')}</th>
              <th scope="col">{trans.__('State')}</th>
              <th scope="col">{trans.__('Topic')}</th>
              <th scope="col">{trans.__('Hub')}</th>
              <th scope="col">{trans.__('Language')}</th>
              <th scope="col">{trans.__('Date')}</th>
              <th scope="col">{trans.__('Supporters')}</th>
              <th scope="col">{trans.__('Reports')}</th>
              <th scope="col">{trans.__('Author')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map(item => (
              <tr key={item.id} data-item={item.id} data-state={item.state}>
                <td>
                  <button
                    type="button"
                    className="jp-Catalyst-feedback-link"
                    onClick={() => void openItem(item.id)}
                  >
                    {item.title}
                  </button>
                  {item.hidden && (
                    <span className="jp-Catalyst-feedback-hint">
                      {' '}
                      {trans.__('(hidden)')}
                    </span>
                  )}
                </td>
                <td>{stateLabel(trans, item.state)}</td>
                <td>
                  {item.topic
                    ? topicLabel(trans, item.topic)
                    : trans.__('Consultation')}
                </td>
                <td>{item.hubId}</td>
                <td>{item.lang}</td>
                <td>{item.createdOn}</td>
                <td>{item.supportCount}</td>
                <td>{item.reportCount}</td>
                <td>{authorOf(trans, item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() =>
            void run(async () => {
              const page = await api.triage(filters, cursor);
              setItems([...(items ?? []), ...page.items]);
              setCursor(page.nextCursor);
            })
          }
        >
          {trans.__('Show more')}
        </button>
      )}
    </div>
  );
}

function authorOf(trans: TranslationBundle, item: ITriageItem): string {
  if (item.authorship === 'anonymous') {
    return trans.__('Anonymous');
  }
  if (item.authorship === 'former') {
    return trans.__('Former participant');
  }
  return item.author ?? '';
}

/** One item: text, context, responses (draft, publish), moves, merge, moderation and history. */
function ItemDetail(
  props: ITriageProps & {
    item: Detail;
    others: ITriageItem[];
    onBack: () => void;
    onChanged: () => Promise<void>;
  }
): JSX.Element {
  const { api, item, others, trans, uiLanguage, run, onBack, onChanged } =
    props;
  const [move, setMove] = React.useState<IMove | null>(null);
  const [response, setResponse] = React.useState('');
  const [responseLang, setResponseLang] = React.useState(item.lang);
  const [note, setNote] = React.useState('');
  const [into, setInto] = React.useState('');
  const [draftText, setDraftText] = React.useState('');
  const heading = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => heading.current?.focus(), [item.id]);

  const responseOk =
    !move?.needsResponse || response.trim().length >= RESPONSE_MIN;
  const noteOk = !move?.needsNote || note.trim().length > 0;
  const intoOk = !move?.needsTarget || into.trim().length > 0;

  const confirm = async () => {
    if (!move) {
      return;
    }
    const ok = await run(
      async () => {
        await api.transition(item.id, {
          to: move.to,
          ...(move.needsResponse
            ? { response: { text: response.trim(), lang: responseLang } }
            : {}),
          ...(move.needsNote ? { note: note.trim() } : {}),
          ...(move.needsTarget ? { into: into.trim() } : {})
        });
        await onChanged();
      },
      trans.__('Moved to %1.', stateLabel(trans, move.to))
    );
    if (ok) {
      setMove(null);
      setResponse('');
      setNote('');
      setInto('');
    }
  };

  const saveDraft = async (publish: boolean) => {
    const ok = await run(
      async () => {
        await api.draftResponse(item.id, {
          text: draftText.trim(),
          lang: responseLang,
          publish
        });
        await onChanged();
      },
      publish ? trans.__('Response published.') : trans.__('Draft saved.')
    );
    if (ok) {
      setDraftText('');
    }
  };

  return (
    <div className="jp-Catalyst-feedback-detail" data-item={item.id}>
      <button type="button" className="jp-mod-styled" onClick={onBack}>
        {trans.__('← All items')}
      </button>
      <h3
        ref={heading}
        tabIndex={-1}
        className="jp-Catalyst-feedback-itemTitle"
      >
        {item.title}
      </h3>
      <p className="jp-Catalyst-feedback-meta">
        <span className="jp-Catalyst-feedback-state" data-state={item.state}>
          {stateLabel(trans, item.state)}
        </span>
        <span>{authorOf(trans, item)}</span>
        <span>{item.hubId}</span>
        <span>{languageName(item.lang, uiLanguage)}</span>
        <span>{item.createdOn}</span>
        <span>{trans.__('Supporters: %1', item.supportCount)}</span>
        <span>{trans.__('Reports: %1', item.reportCount)}</span>
        {item.mergedInto && (
          <span>{trans.__('Merged into %1', item.mergedInto)}</span>
        )}
      </p>
      {item.context && (
        <p className="jp-Catalyst-feedback-hint">
          {describeContext(trans, item.context)}
        </p>
      )}
      <p className="jp-Catalyst-feedback-body">{item.body}</p>

      <section aria-labelledby="jp-Catalyst-feedback-movesTitle">
        <h4 id="jp-Catalyst-feedback-movesTitle">{trans.__('Change state')}</h4>
        {movesFrom(item.state).length === 0 ? (
          <p className="jp-Catalyst-feedback-hint">
            {trans.__('This state is final.')}
          </p>
        ) : (
          <div className="jp-Catalyst-feedback-moves">
            {movesFrom(item.state).map(m => (
              <button
                key={m.to}
                type="button"
                className="jp-mod-styled"
                data-to={m.to}
                aria-pressed={move?.to === m.to}
                onClick={() => setMove(m)}
              >
                {trans.__('Move to %1…', stateLabel(trans, m.to))}
              </button>
            ))}
          </div>
        )}
        {move && (
          <div
            className="jp-Catalyst-feedback-confirm"
            role="group"
            aria-label={trans.__('Confirm the change')}
          >
            <p>
              {trans.__(
                'Move “%1” from %2 to %3? The change is recorded in its history.',
                item.title,
                stateLabel(trans, item.state),
                stateLabel(trans, move.to)
              )}
            </p>
            {move.needsTarget && (
              <label className="jp-Catalyst-feedback-field">
                {trans.__('Merge into (the item that stays)')}
                <select value={into} onChange={e => setInto(e.target.value)}>
                  <option value="">{trans.__('Choose…')}</option>
                  {others
                    .filter(
                      o =>
                        !['merged', 'declined', 'withdrawn'].includes(o.state)
                    )
                    .map(o => (
                      <option key={o.id} value={o.id}>
                        {o.title}
                      </option>
                    ))}
                </select>
              </label>
            )}
            {move.needsResponse && (
              <label className="jp-Catalyst-feedback-field">
                {trans.__(
                  'Response to the author (at least %1 characters, published with the change)',
                  RESPONSE_MIN
                )}
                <textarea
                  className="jp-Catalyst-feedback-responseInput"
                  rows={4}
                  value={response}
                  onChange={e => setResponse(e.target.value)}
                />
              </label>
            )}
            {move.needsResponse && (
              <ResponseLanguage
                value={responseLang}
                onChange={setResponseLang}
                trans={trans}
                uiLanguage={uiLanguage}
                item={item.lang}
              />
            )}
            {move.needsNote && (
              <label className="jp-Catalyst-feedback-field">
                {trans.__('Why it is reopened')}
                <input
                  type="text"
                  value={note}
                  onChange={e => setNote(e.target.value)}
                />
              </label>
            )}
            <div className="jp-Catalyst-feedback-actions">
              <button
                type="button"
                className="jp-mod-styled"
                onClick={() => setMove(null)}
              >
                {trans.__('Cancel')}
              </button>
              <button
                type="button"
                className={`jp-mod-styled ${move.to === 'declined' ? 'jp-mod-warn' : 'jp-mod-accept'}`}
                disabled={!responseOk || !noteOk || !intoOk}
                onClick={() => void confirm()}
              >
                {trans.__('Confirm: %1', stateLabel(trans, move.to))}
              </button>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="jp-Catalyst-feedback-responsesTitle">
        <h4 id="jp-Catalyst-feedback-responsesTitle">
          {trans.__('Responses')}
        </h4>
        {item.responses.length === 0 && (
          <p className="jp-Catalyst-feedback-hint">{trans.__('None yet.')}</p>
        )}
        {item.responses.map(r => (
          <blockquote
            key={r.id}
            className="jp-Catalyst-feedback-response"
            data-status={r.status}
            lang={r.lang}
          >
            <p className="jp-Catalyst-feedback-hint">
              {r.status === 'draft'
                ? trans.__('Draft, not seen by the author')
                : trans.__('Published')}
              {r.author ? ` · ${r.author}` : ''}
            </p>
            <p className="jp-Catalyst-feedback-body">{r.text}</p>
            {r.status === 'draft' && (
              <button
                type="button"
                className="jp-mod-styled"
                onClick={() =>
                  void run(async () => {
                    await api.updateResponse(item.id, r.id, { publish: true });
                    await onChanged();
                  }, trans.__('Response published.'))
                }
              >
                {trans.__('Publish')}
              </button>
            )}
          </blockquote>
        ))}
        <label className="jp-Catalyst-feedback-field">
          {trans.__('New response (at least %1 characters)', RESPONSE_MIN)}
          <textarea
            rows={3}
            value={draftText}
            onChange={e => setDraftText(e.target.value)}
          />
        </label>
        <ResponseLanguage
          value={responseLang}
          onChange={setResponseLang}
          trans={trans}
          uiLanguage={uiLanguage}
          item={item.lang}
        />
        <div className="jp-Catalyst-feedback-actions">
          <button
            type="button"
            className="jp-mod-styled"
            disabled={draftText.trim().length < RESPONSE_MIN}
            onClick={() => void saveDraft(false)}
          >
            {trans.__('Save draft')}
          </button>
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            disabled={draftText.trim().length < RESPONSE_MIN}
            onClick={() => void saveDraft(true)}
          >
            {trans.__('Publish now')}
          </button>
        </div>
      </section>

      <section aria-labelledby="jp-Catalyst-feedback-moderationTitle">
        <h4 id="jp-Catalyst-feedback-moderationTitle">
          {trans.__('Moderation')}
        </h4>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() =>
            void run(async () => {
              await api.moderate(item.id, item.hidden ? 'restore' : 'hide');
              await onChanged();
            })
          }
        >
          {item.hidden
            ? trans.__('Show it to the community again')
            : trans.__('Hide it from the community')}
        </button>
      </section>

      <section aria-labelledby="jp-Catalyst-feedback-historyTitle">
        <h4 id="jp-Catalyst-feedback-historyTitle">{trans.__('History')}</h4>
        <ol className="jp-Catalyst-feedback-history">
          {item.history.map(h => (
            <li key={h.id}>
              <time dateTime={h.at}>{localTime(h.at, uiLanguage)}</time>{' '}
              {h.from || h.to
                ? `${h.from ? stateLabel(trans, h.from) : '—'} → ${h.to ? stateLabel(trans, h.to) : '—'}`
                : h.kind}{' '}
              · {h.actor ?? h.actorRole}
              {h.note ? ` · ${h.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function ResponseLanguage(props: {
  value: string;
  onChange: (value: string) => void;
  trans: TranslationBundle;
  uiLanguage: string;
  item: string;
}): JSX.Element {
  const { value, onChange, trans, uiLanguage, item } = props;
  const tags = Array.from(new Set([item, uiLanguage, 'en', 'es', 'pt', 'fr']));
  return (
    <label className="jp-Catalyst-feedback-field">
      {trans.__('Language of the response')}
      <select value={value} onChange={e => onChange(e.target.value)}>
        {tags.map(tag => (
          <option key={tag} value={tag}>
            {languageName(tag, uiLanguage)}
          </option>
        ))}
      </select>
    </label>
  );
}
