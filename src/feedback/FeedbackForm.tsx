/** The form that gives input: topic or consultation, title, text, language, context, anonymity. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IFeedbackContext, INewFeedback } from '../api/feedback';
import {
  deliveryLabel,
  languageName,
  localTime,
  problemLabel,
  reasonLabel,
  topicLabel,
  waitLabel
} from './labels';
import type { FeedbackEntry, FeedbackModel, IAvailableContext } from './model';
import {
  charCount,
  LIMITS,
  validateDraft,
  type IFeedbackDraft,
  type IDraftProblem
} from './validation';

/** Languages always offered besides JupyterLab's own and the consultation's. */
const COMMON_LANGUAGES = ['en', 'es', 'pt', 'fr'];

/** The default topics when the service has not answered yet. */
const DEFAULT_TOPICS = [
  'governance',
  'training',
  'hub-service',
  'partnership',
  'accessibility',
  'other'
];

/** Props of the form. */
export interface IFormProps {
  model: FeedbackModel;
  trans: TranslationBundle;
  /** JupyterLab's language as a BCP-47 tag. */
  uiLanguage: string;
  /** What the person has in front of them now. */
  getContext: () => IAvailableContext;
  /** Say something through the live region. */
  announce: (message: string, urgent?: boolean) => void;
}

/** An empty draft in the given language. */
export function emptyDraft(lang: string): IFeedbackDraft {
  return {
    target: '',
    title: '',
    body: '',
    lang,
    anonymous: false,
    attachContext: false
  };
}

/** The context a draft would send, or null when none is attached. */
export function contextToSend(
  draft: IFeedbackDraft,
  available: IAvailableContext
): IFeedbackContext | null {
  if (!draft.attachContext) {
    return null;
  }
  // A notebook path can hold a user name, so anonymous input never carries one.
  return (
    (draft.anonymous ? null : available.notebook) ?? available.tutorial ?? null
  );
}

/** The request body a draft makes. */
export function toRequest(
  draft: IFeedbackDraft,
  context: IFeedbackContext | null
): INewFeedback {
  const [kind, id] = splitTarget(draft.target);
  return {
    title: draft.title.trim(),
    body: draft.body.trim(),
    lang: draft.lang,
    ...(kind === 'consultation' ? { consultationId: id } : { topic: id }),
    anonymous: draft.anonymous,
    ...(context ? { context } : {})
  };
}

/** The draft a stored request makes, to edit a held or refused submission. */
export function fromRequest(body: INewFeedback): IFeedbackDraft {
  return {
    target: body.consultationId
      ? `consultation:${body.consultationId}`
      : `topic:${body.topic ?? ''}`,
    title: body.title,
    body: body.body,
    lang: body.lang,
    anonymous: body.anonymous ?? false,
    attachContext: !!body.context
  };
}

function splitTarget(target: string): [string, string] {
  const at = target.indexOf(':');
  return [target.slice(0, at), target.slice(at + 1)];
}

/** How a context reads in the form. */
export function describeContext(
  trans: TranslationBundle,
  context: IFeedbackContext
): string {
  if (context.kind === 'notebook') {
    return trans.__('Notebook: %1', context.path ?? '');
  }
  return trans.__(
    'Tutorial step: %1 / %2',
    context.tutorialId ?? '',
    context.step ?? ''
  );
}

/** The form, the receipt of the last anonymous submission and the outbox. */
export function FeedbackForm(props: IFormProps): JSX.Element {
  const { model, trans, uiLanguage, announce } = props;
  const [draft, setDraft] = React.useState<IFeedbackDraft>(
    () => model.draft ?? emptyDraft(uiLanguage)
  );
  const [shown, setShown] = React.useState<IDraftProblem[]>([]);
  const [available, setAvailable] = React.useState<IAvailableContext>(() =>
    props.getContext()
  );
  const [lastKey, setLastKey] = React.useState<string | null>(null);
  const limits = model.options?.limits ?? { ...LIMITS };
  const topics = model.options?.topics ?? DEFAULT_TOPICS;
  // A closed consultation stays listed while a kept draft still points at it.
  const consultations = model.consultations.filter(
    c => c.status !== 'closed' || `consultation:${c.id}` === draft.target
  );
  const chosen = draft.target.startsWith('consultation:')
    ? model.consultations.find(c => `consultation:${c.id}` === draft.target)
    : undefined;
  const forcedAnonymous = chosen?.anonymous === true;
  const anonymous = draft.anonymous || forcedAnonymous;
  const context = contextToSend({ ...draft, anonymous }, available);
  const offered =
    (anonymous ? null : available.notebook) ?? available.tutorial ?? null;
  const problems = validateDraft(draft, model.consultations, limits);
  const problemOf = (field: IDraftProblem['field']) =>
    shown.find(p => p.field === field);

  const update = (change: Partial<IFeedbackDraft>) => {
    const next = { ...draft, ...change };
    setDraft(next);
    model.saveDraft(next);
    if (shown.length) {
      setShown(validateDraft(next, model.consultations, limits));
    }
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (problems.length) {
      setShown(problems);
      announce(
        problems.map(p => problemLabel(trans, p, limits)).join(' '),
        true
      );
      const first = document.getElementById(
        `jp-Catalyst-feedback-${problems[0].field}`
      );
      first?.focus();
      return;
    }
    const entry = model.submit(
      toRequest({ ...draft, anonymous }, contextToSend(draft, available))
    );
    setLastKey(entry.key);
    const fresh = emptyDraft(draft.lang);
    setDraft(fresh);
    model.saveDraft(null);
    setShown([]);
    announce(
      trans.__('Your feedback is queued and will be sent as soon as possible.')
    );
  };

  const edit = (entry: FeedbackEntry) => {
    const restored = fromRequest(entry.body);
    setDraft(restored);
    model.saveDraft(restored);
    model.discard(entry.key);
    announce(trans.__('Your draft is back in the form.'));
    document.getElementById('jp-Catalyst-feedback-title')?.focus();
  };

  const languages = Array.from(
    new Set([
      uiLanguage,
      draft.lang,
      ...(chosen?.languages ?? []),
      ...COMMON_LANGUAGES
    ])
  );
  const last = lastKey
    ? (model.entries.find(e => e.key === lastKey) ?? null)
    : null;
  const bodyCount = charCount(draft.body);
  const lastState = last?.state;
  React.useEffect(() => {
    if (lastState && lastState !== 'queued') {
      announce(deliveryLabel(trans, lastState));
    }
  }, [lastState]);

  return (
    <div className="jp-Catalyst-feedback-send">
      <form
        className="jp-Catalyst-feedback-form"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="jp-Catalyst-feedback-formTitle"
      >
        <h3 id="jp-Catalyst-feedback-formTitle">
          {trans.__('Send feedback to the Catalyst Core Team')}
        </h3>
        <Field
          id="jp-Catalyst-feedback-target"
          label={trans.__('Topic or consultation')}
          problem={problemOf('target')}
          trans={trans}
          limits={limits}
        >
          <select
            id="jp-Catalyst-feedback-target"
            value={draft.target}
            aria-invalid={!!problemOf('target')}
            onChange={e => update({ target: e.target.value })}
          >
            <option value="">{trans.__('Choose…')}</option>
            <optgroup label={trans.__('Open input')}>
              {topics.map(t => (
                <option key={t} value={`topic:${t}`}>
                  {topicLabel(trans, t)}
                </option>
              ))}
            </optgroup>
            {consultations.length > 0 && (
              <optgroup label={trans.__('Consultations')}>
                {consultations.map(c => (
                  <option key={c.id} value={`consultation:${c.id}`}>
                    {c.question}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </Field>
        {chosen && (
          <p className="jp-Catalyst-feedback-hint">
            {chosen.status === 'open'
              ? trans.__(
                  'Open until %1',
                  localTime(chosen.closesAt, uiLanguage)
                )
              : trans.__('Opens %1', localTime(chosen.opensAt, uiLanguage))}
            {chosen.replied ? ' ' + trans.__('You have already replied.') : ''}
          </p>
        )}
        <Field
          id="jp-Catalyst-feedback-title"
          label={trans.__('Title')}
          problem={problemOf('title')}
          trans={trans}
          limits={limits}
          hint={trans.__(
            '%1 to %2 characters',
            limits.titleMin,
            limits.titleMax
          )}
        >
          <input
            id="jp-Catalyst-feedback-title"
            type="text"
            value={draft.title}
            maxLength={limits.titleMax * 2}
            aria-invalid={!!problemOf('title')}
            aria-describedby="jp-Catalyst-feedback-title-hint"
            onChange={e => update({ title: e.target.value })}
          />
        </Field>
        <Field
          id="jp-Catalyst-feedback-body"
          label={trans.__('Your feedback')}
          problem={problemOf('body')}
          trans={trans}
          limits={limits}
        >
          <textarea
            id="jp-Catalyst-feedback-body"
            rows={8}
            value={draft.body}
            aria-invalid={!!problemOf('body')}
            aria-describedby="jp-Catalyst-feedback-counter"
            onChange={e => update({ body: e.target.value })}
          />
        </Field>
        <p
          id="jp-Catalyst-feedback-counter"
          className="jp-Catalyst-feedback-counter"
          data-over={bodyCount > limits.bodyMax}
        >
          {trans.__('%1 of %2 characters', bodyCount, limits.bodyMax)}
        </p>
        <Field
          id="jp-Catalyst-feedback-lang"
          label={trans.__('Language of your text')}
          problem={problemOf('lang')}
          trans={trans}
          limits={limits}
        >
          <select
            id="jp-Catalyst-feedback-lang"
            value={draft.lang}
            onChange={e => update({ lang: e.target.value })}
          >
            {languages.map(tag => (
              <option key={tag} value={tag}>
                {languageName(tag, uiLanguage)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="jp-Catalyst-feedback-context">
          <legend>{trans.__('Context')}</legend>
          {offered ? (
            <label>
              <input
                type="checkbox"
                checked={draft.attachContext}
                onChange={e => update({ attachContext: e.target.checked })}
              />{' '}
              {trans.__('Attach what I am working on')}
              <span className="jp-Catalyst-feedback-contextValue">
                {describeContext(trans, offered)}
              </span>
            </label>
          ) : (
            <p className="jp-Catalyst-feedback-hint">
              {trans.__('No notebook or tutorial step is open to attach.')}
            </p>
          )}
          {anonymous && available.notebook && (
            <p className="jp-Catalyst-feedback-hint">
              {trans.__(
                'Anonymous input never carries a notebook path: paths can contain your user name.'
              )}
            </p>
          )}
          <button
            type="button"
            className="jp-mod-styled jp-Catalyst-feedback-link"
            onClick={() => setAvailable(props.getContext())}
          >
            {trans.__('Look again')}
          </button>
        </fieldset>
        <fieldset className="jp-Catalyst-feedback-anonymity">
          <legend>{trans.__('Anonymity')}</legend>
          <label>
            <input
              type="checkbox"
              checked={anonymous}
              disabled={forcedAnonymous}
              aria-describedby="jp-Catalyst-feedback-consent"
              onChange={e => update({ anonymous: e.target.checked })}
            />{' '}
            {trans.__('Send anonymously')}
          </label>
          <p
            id="jp-Catalyst-feedback-consent"
            className="jp-Catalyst-feedback-consent"
          >
            {forcedAnonymous
              ? trans.__('Every reply to this consultation is anonymous.') + ' '
              : ''}
            {trans.__(
              'Anonymous means: no name, no account, no address and no time finer than the day are stored with your text, and nobody, the Core Team included, can see who sent it. You get a receipt code, the only way to follow or withdraw the item; this browser keeps a copy. What cannot be undone: without the code the item cannot be found again, it is not erased with your data, and it can never be turned into a signed item. Do not write names or anything that identifies you or others.'
            )}
          </p>
        </fieldset>
        <section
          className="jp-Catalyst-feedback-preview"
          aria-label={trans.__('What will be sent')}
        >
          <h4>{trans.__('What will be sent')}</h4>
          <ul>
            <li>
              {anonymous
                ? trans.__('Anonymously, with a receipt code')
                : trans.__('With your hub user name')}
            </li>
            <li>
              {context
                ? describeContext(trans, context)
                : trans.__('No context attached')}
            </li>
          </ul>
        </section>
        <div className="jp-Catalyst-feedback-actions">
          <button type="submit" className="jp-mod-styled jp-mod-accept">
            {trans.__('Send feedback')}
          </button>
        </div>
      </form>
      {last && last.result?.receipt && (
        <Receipt code={last.result.receipt} trans={trans} announce={announce} />
      )}
      <Outbox model={model} trans={trans} onEdit={edit} announce={announce} />
    </div>
  );
}

function Field(props: {
  id: string;
  label: string;
  problem?: IDraftProblem;
  trans: TranslationBundle;
  limits: { titleMin: number; titleMax: number; bodyMax: number };
  hint?: string;
  children: React.ReactNode;
}): JSX.Element {
  const { id, label, problem, trans, limits, hint, children } = props;
  return (
    <div className="jp-Catalyst-feedback-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="jp-Catalyst-feedback-hint">
          {hint}
        </span>
      )}
      {children}
      {problem && (
        <span className="jp-Catalyst-feedback-problem" data-field={id}>
          {problemLabel(trans, problem, limits)}
        </span>
      )}
    </div>
  );
}

/** The receipt code of an anonymous submission, with a copy button. */
export function Receipt(props: {
  code: string;
  trans: TranslationBundle;
  announce: (message: string) => void;
}): JSX.Element {
  const { code, trans, announce } = props;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      announce(trans.__('Receipt code copied.'));
    } catch {
      announce(trans.__('Select the code and copy it yourself.'));
    }
  };
  return (
    <section
      className="jp-Catalyst-feedback-receipt"
      aria-labelledby="jp-Catalyst-feedback-receiptTitle"
    >
      <h4 id="jp-Catalyst-feedback-receiptTitle">
        {trans.__('Your receipt code')}
      </h4>
      <p>
        <code className="jp-Catalyst-feedback-receiptCode">{code}</code>{' '}
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void copy()}
        >
          {trans.__('Copy')}
        </button>
      </p>
      <p className="jp-Catalyst-feedback-hint">
        {trans.__(
          'Keep it: with this code you can follow or withdraw your anonymous item from any device. Nobody can give it to you again.'
        )}
      </p>
    </section>
  );
}

/** What this browser sent or still holds: queued, sent, answered, or kept as a draft. */
function Outbox(props: {
  model: FeedbackModel;
  trans: TranslationBundle;
  onEdit: (entry: FeedbackEntry) => void;
  announce: (message: string) => void;
}): JSX.Element | null {
  const { model, trans, onEdit } = props;
  const entries = model.entries;
  if (!entries.length) {
    return null;
  }
  const retryAt = model.nextRetryAt;
  const limited = model.waitReason?.code === 'rate_limited';
  return (
    <section
      className="jp-Catalyst-feedback-outbox"
      aria-labelledby="jp-Catalyst-feedback-outboxTitle"
    >
      <h4 id="jp-Catalyst-feedback-outboxTitle">
        {trans.__('Sent from this browser')}
      </h4>
      {model.entries.some(e => e.state === 'queued') && (
        <p className="jp-Catalyst-feedback-hint">
          {model.sending
            ? trans.__('Sending…')
            : retryAt && limited
              ? trans.__(
                  'Too many submissions at once: the next try is in %1 (at %2).',
                  waitLabel(trans, (retryAt - Date.now()) / 1000),
                  new Date(retryAt).toLocaleTimeString()
                )
              : retryAt
                ? trans.__(
                    'The service does not answer; next try at %1.',
                    new Date(retryAt).toLocaleTimeString()
                  )
                : ''}{' '}
          <button
            type="button"
            className="jp-mod-styled jp-Catalyst-feedback-link"
            onClick={() => void model.retryNow()}
          >
            {trans.__('Try now')}
          </button>
        </p>
      )}
      <ul className="jp-Catalyst-feedback-entries">
        {entries.map(entry => (
          <li
            key={entry.key}
            className="jp-Catalyst-feedback-entry"
            data-state={entry.state}
          >
            <span className="jp-Catalyst-feedback-entryTitle">
              {entry.body.title}
            </span>
            <span className="jp-Catalyst-feedback-delivery">
              {deliveryLabel(trans, entry.state)}
            </span>
            {entry.result?.receipt && (
              <span className="jp-Catalyst-feedback-hint">
                {trans.__('Receipt code:')} <code>{entry.result.receipt}</code>
              </span>
            )}
            {entry.reason &&
              (entry.state === 'held' || entry.state === 'refused') && (
                <span className="jp-Catalyst-feedback-reason">
                  {reasonLabel(trans, entry.reason.code, entry.reason.message)}
                </span>
              )}
            {(entry.state === 'held' || entry.state === 'refused') && (
              <span className="jp-Catalyst-feedback-entryActions">
                <button
                  type="button"
                  className="jp-mod-styled"
                  onClick={() => onEdit(entry)}
                >
                  {trans.__('Edit and send again')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
