/** The Core Team's consultations: open one (times entered locally, stored in UTC) and extend one. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { FeedbackApi, IConsultation } from '../api/feedback';
import { localTime } from './labels';

/** The UTC ISO time of a `datetime-local` value, read in the browser's zone ('' when invalid). */
export function localInputToUtc(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

/** A UTC ISO time as a `datetime-local` value in the browser's zone. */
export function utcToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Props of the consultations view. */
export interface IConsultationsProps {
  api: FeedbackApi;
  trans: TranslationBundle;
  uiLanguage: string;
  run: (action: () => Promise<unknown>, done?: string) => Promise<boolean>;
}

/** List, open and extend consultations. */
export function Consultations(props: IConsultationsProps): JSX.Element {
  const { api, trans, uiLanguage, run } = props;
  const [list, setList] = React.useState<IConsultation[] | null>(null);
  const reload = () =>
    run(async () => setList((await api.allConsultations()).consultations));
  React.useEffect(() => {
    void reload();
  }, []);

  return (
    <div className="jp-Catalyst-feedback-consultations">
      <OpenConsultation {...props} onOpened={reload} />
      <h4>{trans.__('All consultations')}</h4>
      {list === null ? (
        <p role="status">{trans.__('Loading…')}</p>
      ) : list.length === 0 ? (
        <p className="jp-Catalyst-feedback-empty">
          {trans.__('No consultation yet.')}
        </p>
      ) : (
        <ul className="jp-Catalyst-feedback-consultationList">
          {list.map(c => (
            <ConsultationRow
              key={c.id}
              consultation={c}
              {...props}
              onChanged={reload}
              uiLanguage={uiLanguage}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function ConsultationRow(
  props: IConsultationsProps & {
    consultation: IConsultation;
    onChanged: () => Promise<unknown>;
  }
): JSX.Element {
  const { api, consultation: c, trans, uiLanguage, run, onChanged } = props;
  const [closes, setCloses] = React.useState(utcToLocalInput(c.closesAt));
  const status: Record<IConsultation['status'], string> = {
    scheduled: trans.__('Scheduled'),
    open: trans.__('Open'),
    closed: trans.__('Closed')
  };
  const newClose = localInputToUtc(closes);
  const shorter = newClose !== '' && newClose < c.closesAt;
  return (
    <li className="jp-Catalyst-feedback-consultation" data-status={c.status}>
      <strong>{c.question}</strong>
      <p className="jp-Catalyst-feedback-meta">
        <span>{status[c.status]}</span>
        <span>
          {trans.__(
            '%1 to %2',
            localTime(c.opensAt, uiLanguage),
            localTime(c.closesAt, uiLanguage)
          )}
        </span>
        <span>
          {c.communities.length
            ? trans.__('Communities: %1', c.communities.join(', '))
            : trans.__('Every hub')}
        </span>
        {c.anonymous && <span>{trans.__('Anonymous')}</span>}
        {c.resultsHidden && (
          <span>{trans.__('Results hidden until close')}</span>
        )}
        <span>{trans.__('Replies: %1', c.replyCount ?? '—')}</span>
      </p>
      {c.description && (
        <p className="jp-Catalyst-feedback-body">{c.description}</p>
      )}
      {c.status !== 'closed' && (
        <div className="jp-Catalyst-feedback-extend">
          <label>
            {trans.__('Closes (your time)')}
            <input
              type="datetime-local"
              value={closes}
              onChange={e => setCloses(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="jp-mod-styled"
            disabled={
              !newClose ||
              newClose === c.closesAt ||
              (shorter && (c.replyCount ?? 0) > 0)
            }
            onClick={() =>
              void run(async () => {
                await api.updateConsultation(c.id, { closesAt: newClose });
                await onChanged();
              }, trans.__('Consultation extended.'))
            }
          >
            {trans.__('Change closing time')}
          </button>
          {shorter && (c.replyCount ?? 0) > 0 && (
            <span className="jp-Catalyst-feedback-problem">
              {trans.__(
                'A consultation with replies can be extended, never shortened.'
              )}
            </span>
          )}
        </div>
      )}
    </li>
  );
}

function OpenConsultation(
  props: IConsultationsProps & { onOpened: () => Promise<unknown> }
): JSX.Element {
  const { api, trans, uiLanguage, run, onOpened } = props;
  const now = new Date();
  const [question, setQuestion] = React.useState('');
  const [description, setDescription] = React.useState('');
  const [communities, setCommunities] = React.useState('');
  const [languages, setLanguages] = React.useState<string[]>(['en', 'es']);
  const [opens, setOpens] = React.useState(utcToLocalInput(now.toISOString()));
  const [closes, setCloses] = React.useState(
    utcToLocalInput(new Date(now.getTime() + 14 * 86400_000).toISOString())
  );
  const [anonymous, setAnonymous] = React.useState(false);
  const [hidden, setHidden] = React.useState(true);
  const opensAt = localInputToUtc(opens);
  const closesAt = localInputToUtc(closes);
  const problems: string[] = [];
  if (question.trim().length < 10 || question.trim().length > 300) {
    problems.push(trans.__('The question needs 10 to 300 characters.'));
  }
  if (!opensAt || !closesAt || closesAt <= opensAt) {
    problems.push(trans.__('The consultation must close after it opens.'));
  }
  if (!languages.length) {
    problems.push(trans.__('Choose at least one language.'));
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (problems.length) {
      return;
    }
    const ok = await run(
      () =>
        api.openConsultation({
          question: question.trim(),
          description: description.trim(),
          communities: communities
            .split(',')
            .map(s => s.trim())
            .filter(Boolean),
          languages,
          opensAt,
          closesAt,
          anonymous,
          resultsHidden: hidden
        }),
      trans.__('Consultation opened.')
    );
    if (ok) {
      setQuestion('');
      setDescription('');
      await onOpened();
    }
  };

  const toggleLanguage = (tag: string, on: boolean) =>
    setLanguages(on ? [...languages, tag] : languages.filter(l => l !== tag));

  return (
    <form className="jp-Catalyst-feedback-form" onSubmit={submit} noValidate>
      <h4>{trans.__('Open a consultation')}</h4>
      <label className="jp-Catalyst-feedback-field">
        {trans.__('Question')}
        <input
          type="text"
          value={question}
          onChange={e => setQuestion(e.target.value)}
        />
      </label>
      <label className="jp-Catalyst-feedback-field">
        {trans.__('Description (optional)')}
        <textarea
          rows={3}
          value={description}
          onChange={e => setDescription(e.target.value)}
        />
      </label>
      <label className="jp-Catalyst-feedback-field">
        {trans.__(
          'Communities addressed (ids, separated by commas; empty: every hub)'
        )}
        <input
          type="text"
          value={communities}
          onChange={e => setCommunities(e.target.value)}
        />
      </label>
      <fieldset>
        <legend>{trans.__('Responses expected in')}</legend>
        {['en', 'es', 'pt', 'fr'].map(tag => (
          <label key={tag}>
            <input
              type="checkbox"
              checked={languages.includes(tag)}
              onChange={e => toggleLanguage(tag, e.target.checked)}
            />{' '}
            {new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(tag)}
          </label>
        ))}
      </fieldset>
      <label className="jp-Catalyst-feedback-field">
        {trans.__('Opens (your time)')}
        <input
          type="datetime-local"
          value={opens}
          onChange={e => setOpens(e.target.value)}
        />
        {opensAt && (
          <span className="jp-Catalyst-feedback-hint">
            {trans.__('UTC: %1', opensAt.slice(0, 16).replace('T', ' '))}
          </span>
        )}
      </label>
      <label className="jp-Catalyst-feedback-field">
        {trans.__('Closes (your time)')}
        <input
          type="datetime-local"
          value={closes}
          onChange={e => setCloses(e.target.value)}
        />
        {closesAt && (
          <span className="jp-Catalyst-feedback-hint">
            {trans.__('UTC: %1', closesAt.slice(0, 16).replace('T', ' '))}
          </span>
        )}
      </label>
      <label>
        <input
          type="checkbox"
          checked={anonymous}
          onChange={e => setAnonymous(e.target.checked)}
        />{' '}
        {trans.__('Anonymous replies (cannot be turned off later)')}
      </label>
      <label>
        <input
          type="checkbox"
          checked={hidden}
          onChange={e => setHidden(e.target.checked)}
        />{' '}
        {trans.__('Hide results until it closes')}
      </label>
      {problems.length > 0 && (
        <ul className="jp-Catalyst-feedback-problem">
          {problems.map(p => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="jp-Catalyst-feedback-actions">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          disabled={problems.length > 0}
        >
          {trans.__('Open the consultation')}
        </button>
      </div>
    </form>
  );
}
