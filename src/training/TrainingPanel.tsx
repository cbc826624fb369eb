/** The training side panel: catalogue, step view, checks with feedback, saved-progress status. */
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Reason } from './checks';
import { StuckHelp } from './StuckHelp';
import { CohortView } from './CohortView';
import { HubTutorialUpload } from './HubTutorialUpload';
import type { ITutorialSummary, TrainingModel } from './model';
import type { Check, IHubCheckResult, IStep } from './types';

/** The panel's content: a React view over a TrainingModel. */
export class TrainingView extends ReactWidget {
  /** Create the view for a model. */
  constructor(options: TrainingView.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.translator.load('jupyterlab_catalyst');
    this.addClass('jp-Catalyst-training');
  }

  /** The model the view shows. */
  get model(): TrainingModel {
    return this._model;
  }

  /** Re-render on every model change. */
  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._model.changed}>
        {() => <Training model={this._model} trans={this._trans} />}
      </UseSignal>
    );
  }

  private _model: TrainingModel;
  private _trans: TranslationBundle;
}

/** The static namespace of TrainingView. */
export namespace TrainingView {
  /** Construction options. */
  export interface IOptions {
    model: TrainingModel;
    translator: ITranslator;
  }
}

interface IProps {
  model: TrainingModel;
  trans: TranslationBundle;
}

/** Catalogue or tutorial, with the save status always visible. */
export function Training({ model, trans }: IProps): JSX.Element {
  return (
    <div className="jp-Catalyst-content">
      <h2 className="jp-Catalyst-title">{trans.__('Training')}</h2>
      {model.source === 'bundled' && (
        <p className="jp-Catalyst-training-note" role="note">
          {trans.__(
            'The Catalyst service is unreachable: showing the tutorials shipped with Catalyst. Your progress is kept here and sent later.'
          )}
        </p>
      )}
      {model.tutorial ? (
        <TutorialView model={model} trans={trans} />
      ) : (
        <Catalogue model={model} trans={trans} />
      )}
      <SaveStatus model={model} trans={trans} />
    </div>
  );
}

function SaveStatus({ model, trans }: IProps): JSX.Element {
  const state = model.saveState;
  const label =
    state === 'saved'
      ? trans.__('Progress saved')
      : state === 'sending'
        ? trans.__('Sending progress…')
        : trans.__('Progress waiting to send');
  return (
    <p
      className="jp-Catalyst-training-save"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      {label}
    </p>
  );
}

function Catalogue({ model, trans }: IProps): JSX.Element {
  if (model.source === 'loading') {
    return (
      <p className="jp-Catalyst-loading">{trans.__('Loading tutorials…')}</p>
    );
  }
  if (!model.catalogue.length) {
    return <p>{trans.__('No tutorials are available yet.')}</p>;
  }
  return (
    <>
      <ul
        className="jp-Catalyst-training-catalogue"
        aria-label={trans.__('Tutorials')}
      >
        {model.catalogue.map(summary => (
          <CatalogueEntry
            key={summary.id}
            summary={summary}
            model={model}
            trans={trans}
          />
        ))}
      </ul>
      {model.cohort && <CohortView model={model} trans={trans} />}
      {model.cohort && <HubTutorialUpload model={model} trans={trans} />}
    </>
  );
}

function CatalogueEntry({
  summary,
  model,
  trans
}: IProps & { summary: ITutorialSummary }): JSX.Element {
  const passed = model.passedCount(summary);
  const total = summary.stepIds.length;
  const title = model.text(summary.title);
  const progressText = trans.__('%1 of %2 steps done', passed, total);
  return (
    <li className="jp-Catalyst-training-entry" data-tutorial={summary.id}>
      <button
        className="jp-Catalyst-training-open jp-mod-styled"
        onClick={() => void model.open(summary.id)}
        aria-label={trans.__('Open tutorial: %1', title)}
      >
        {title}
      </button>
      <div className="jp-Catalyst-training-meta">
        <span>{trans.__('%1 min', summary.minutes)}</span>
        <span aria-label={trans.__('Languages')}>
          {summary.languages.map(l => l.toUpperCase()).join(' · ')}
        </span>
        <span>{progressText}</span>
      </div>
      <progress
        className="jp-Catalyst-training-progress"
        max={total}
        value={passed}
        aria-label={progressText}
      />
    </li>
  );
}

function TutorialView({ model, trans }: IProps): JSX.Element {
  const tutorial = model.tutorial!;
  const step = model.step!;
  const index = model.stepIndex;
  const total = tutorial.steps.length;
  const allPassed = tutorial.steps.every(
    s =>
      model.progressOf(tutorial.id, tutorial.version, s.id)?.status === 'passed'
  );
  return (
    <div className="jp-Catalyst-training-tutorial" data-tutorial={tutorial.id}>
      <button
        className="jp-Catalyst-training-back jp-mod-styled"
        onClick={() => model.close()}
      >
        {trans.__('← All tutorials')}
      </button>
      <h3 className="jp-Catalyst-training-tutorialTitle">
        {model.text(tutorial.title)}
      </h3>
      <label className="jp-Catalyst-training-language">
        {trans.__('Tutorial language')}{' '}
        <select
          value={model.language}
          onChange={event => model.setLanguage(event.target.value)}
        >
          {tutorial.languages.map(language => (
            <option key={language} value={language}>
              {languageName(language, trans)}
            </option>
          ))}
        </select>
      </label>
      {model.missingLanguage && (
        <p className="jp-Catalyst-training-note" role="note">
          {trans.__(
            'This tutorial is not available in %1; it is shown in %2.',
            languageName(model.missingLanguage, trans),
            languageName(model.language, trans)
          )}
        </p>
      )}
      <nav aria-label={trans.__('Steps')}>
        <ol className="jp-Catalyst-training-steps">
          {tutorial.steps.map((s, i) => {
            const status = model.progressOf(
              tutorial.id,
              tutorial.version,
              s.id
            )?.status;
            return (
              <li key={s.id} data-status={status ?? 'new'}>
                <button
                  className="jp-Catalyst-training-stepLink"
                  aria-current={i === index ? 'step' : undefined}
                  onClick={() => model.goTo(i)}
                  title={statusLabel(status, trans)}
                >
                  <span aria-hidden="true">{statusSymbol(status)}</span>{' '}
                  {model.text(s.title)}
                  <span className="jp-Catalyst-visuallyHidden">
                    {` (${statusLabel(status, trans)})`}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <StepView
        key={`${tutorial.id}/${step.id}`}
        model={model}
        trans={trans}
        step={step}
      />
      <div className="jp-Catalyst-training-nav">
        <button
          className="jp-mod-styled"
          disabled={index === 0}
          onClick={() => model.goTo(index - 1)}
        >
          {trans.__('Previous')}
        </button>
        <span className="jp-Catalyst-training-position">
          {trans.__('Step %1 of %2', index + 1, total)}
        </span>
        <button
          className="jp-mod-styled jp-Catalyst-training-next"
          disabled={index === total - 1}
          onClick={() => model.goTo(index + 1)}
        >
          {trans.__('Next')}
        </button>
      </div>
      {allPassed && (
        <p className="jp-Catalyst-training-done" role="status">
          {trans.__('You finished this tutorial. Well done!')}
        </p>
      )}
    </div>
  );
}

function StepView({
  model,
  trans,
  step
}: IProps & { step: IStep }): JSX.Element {
  const [choice, setChoice] = React.useState<string | undefined>(undefined);
  const [where, setWhere] = React.useState<'shown' | 'missing' | null>(null);
  const quiz = findQuiz(step.check);
  const selfReport = containsSelfReport(step.check);
  const result = model.lastResult;
  const canCheck = !selfReport || quiz !== null || hasOtherChecks(step.check);
  return (
    <section
      className="jp-Catalyst-training-step"
      data-step={step.id}
      aria-labelledby={`jp-Catalyst-training-step-${step.id}`}
    >
      <h4 id={`jp-Catalyst-training-step-${step.id}`}>
        {model.text(step.title)}
      </h4>
      <Prose text={model.text(step.text)} />
      {quiz && (
        <fieldset className="jp-Catalyst-training-quiz">
          <legend>{model.text(quiz.question)}</legend>
          {quiz.options.map(option => (
            <label key={option.id}>
              <input
                type="radio"
                name={`quiz-${step.id}`}
                value={option.id}
                checked={choice === option.id}
                onChange={() => setChoice(option.id)}
              />{' '}
              {model.text(option.text)}
            </label>
          ))}
        </fieldset>
      )}
      {step.hints.slice(0, model.hintsShown).map((hint, i) => (
        <p key={i} className="jp-Catalyst-training-hint">
          <strong>{trans.__('Hint %1:', i + 1)}</strong> {model.text(hint)}
        </p>
      ))}
      <div className="jp-Catalyst-training-actions">
        {canCheck && (
          <button
            className="jp-mod-styled jp-mod-accept jp-Catalyst-training-check"
            disabled={model.checking}
            onClick={() => void model.check({ quiz: choice })}
          >
            {model.checking ? trans.__('Checking…') : trans.__('Check')}
          </button>
        )}
        {selfReport && (
          <button
            className="jp-mod-styled jp-mod-accept jp-Catalyst-training-selfReport"
            disabled={model.checking}
            onClick={() =>
              void model.check({ quiz: choice, selfReported: true })
            }
          >
            {trans.__('I did it')}
          </button>
        )}
        {model.hintsShown < step.hints.length && (
          <button
            className="jp-mod-styled jp-Catalyst-training-hintButton"
            onClick={() => model.showHint()}
          >
            {model.hintsShown === 0
              ? trans.__('Hint')
              : trans.__('Another hint')}
          </button>
        )}
        {step.showMe.length > 0 && (
          <button
            className="jp-mod-styled jp-Catalyst-training-showMe"
            onClick={() => void model.showMe()}
          >
            {trans.__('Show me')}
          </button>
        )}
        {step.highlight && (
          <button
            className="jp-mod-styled jp-Catalyst-training-showWhere"
            onClick={() => setWhere(model.highlight() ? 'shown' : 'missing')}
          >
            {trans.__('Show where')}
          </button>
        )}
      </div>
      {where && (
        <p className="jp-Catalyst-training-whereNote" role="status">
          {where === 'shown'
            ? trans.__('Outlined for a few seconds; press Esc to remove it.')
            : trans.__(
                'That part of JupyterLab is not open. Use "Show me" or open it first.'
              )}
        </p>
      )}
      <StuckHelp model={model} trans={trans} step={step} />
      {step.solution && model.solutionShown && (
        <section
          className="jp-Catalyst-training-solution"
          aria-label={trans.__('Solution')}
        >
          <h5>{trans.__('Solution')}</h5>
          <Prose text={model.text(step.solution)} />
        </section>
      )}
      <div
        className="jp-Catalyst-training-feedback"
        role="status"
        aria-live="polite"
        data-result={result ? (result.passed ? 'passed' : 'failed') : 'none'}
      >
        {result && (
          <>
            <p className="jp-Catalyst-training-verdict">
              <span aria-hidden="true">{result.passed ? '✓ ' : '✗ '}</span>
              {result.passed ? trans.__('Passed') : trans.__('Not yet')}
            </p>
            <ul>
              {result.reasons
                .filter(reason => reason.code !== 'passed')
                .map((reason, i) => (
                  <li key={i}>{explain(reason, model, trans)}</li>
                ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

/** Paragraphs with `code` and **strong** inline; enough for step text without a renderer. */
function Prose({ text }: { text: string }): JSX.Element {
  return (
    <div className="jp-Catalyst-training-text">
      {text.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i}>
          {paragraph
            .split(/(`[^`]+`|\*\*[^*]+\*\*)/)
            .map((part, j) =>
              part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
                <code key={j}>{part.slice(1, -1)}</code>
              ) : part.startsWith('**') && part.endsWith('**') ? (
                <strong key={j}>{part.slice(2, -2)}</strong>
              ) : (
                part
              )
            )}
        </p>
      ))}
    </div>
  );
}

/** The sentence for one reason. */
export function explain(
  reason: Reason,
  model: TrainingModel,
  trans: TranslationBundle
): string {
  switch (reason.code) {
    case 'passed':
      return trans.__('Passed');
    case 'timeout':
      return trans.__('The check took too long. Try again in a moment.');
    case 'no-command':
      return trans.__('The command %1 has not been run yet.', reason.command);
    case 'no-widget':
      return trans.__(
        'The expected tab is not the one in front. Open it, then check again.'
      );
    case 'no-notebook':
      return trans.__('No notebook is open.');
    case 'no-cell':
      return reason.target
        ? trans.__('No cell matches %1.', reason.target)
        : trans.__('The open notebook has no code cell.');
    case 'not-run':
      return trans.__('The cell has not been run yet.');
    case 'no-output-match':
      return trans.__('The output does not show the expected result yet.');
    case 'no-kernel':
      return trans.__(
        'No running kernel was found. Open the notebook and start its kernel.'
      );
    case 'kernel-false':
      return trans.__(
        'The kernel answered %1, not the expected value.',
        reason.value
      );
    case 'kernel-error':
      return trans.__('The kernel answered with an error: %1.', reason.ename);
    case 'kernel-language':
      return trans.__(
        'This step has no check for a %1 kernel. Open a notebook with the kernel the tutorial names.',
        reason.language
      );
    case 'hub':
      return explainHub(reason.result, trans);
    case 'hub-unavailable':
      return trans.__(
        'The hub could not be asked right now. Try again in a moment.'
      );
    case 'no-file':
      return trans.__('The file %1 does not exist yet.', reason.path);
    case 'setting-differs':
      return trans.__('The setting does not have the expected value yet.');
    case 'quiz-unanswered':
      return trans.__('Choose an answer first.');
    case 'quiz-answer':
      return (
        model.text(reason.option.feedback) ||
        (reason.option.correct
          ? trans.__('Correct.')
          : trans.__('Not this one.'))
      );
    case 'self-report':
      return trans.__('Press "I did it" when you have done it.');
    case 'error':
      return trans.__('The check could not run: %1', reason.message);
  }
}

/** The sentence for a hub check that did not pass. */
function explainHub(result: IHubCheckResult, trans: TranslationBundle): string {
  const server = result.server
    ? trans.__('the server "%1" of %2', result.server, result.user)
    : trans.__('the server of %1', result.user);
  switch (result.reason) {
    case 'no-user':
      return trans.__('The hub has no user named %1 yet.', result.user);
    case 'user-exists':
      return trans.__('The hub still has a user named %1.', result.user);
    case 'not-in-group':
      return trans.__(
        '%1 is not in the group %2 yet.',
        result.user,
        result.group ?? ''
      );
    case 'not-running':
      return trans.__('The hub says %1 is not running.', server);
    case 'running':
      return trans.__('The hub says %1 is still running.', server);
    case 'profile-differs':
      return result.profile
        ? trans.__(
            'The hub says %1 was started with the option "%2".',
            server,
            result.profile
          )
        : trans.__(
            'The hub says %1 is not running with the expected option.',
            server
          );
    default:
      return trans.__('Passed');
  }
}

function languageName(code: string, trans: TranslationBundle): string {
  switch (code) {
    case 'en':
      return trans.__('English');
    case 'es':
      return trans.__('Spanish');
    case 'pt':
      return trans.__('Portuguese');
    case 'fr':
      return trans.__('French');
    default:
      return code;
  }
}

function statusLabel(
  status: string | undefined,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'passed':
      return trans.__('passed');
    case 'failed':
      return trans.__('not passed yet');
    case 'started':
      return trans.__('started');
    default:
      return trans.__('not started');
  }
}

function statusSymbol(status: string | undefined): string {
  return status === 'passed' ? '✓' : status === 'failed' ? '✗' : '○';
}

function findQuiz(check: Check): Extract<Check, { type: 'quiz' }> | null {
  if (check.type === 'quiz') {
    return check;
  }
  if (check.type === 'all' || check.type === 'any') {
    for (const inner of check.checks) {
      const quiz = findQuiz(inner);
      if (quiz) {
        return quiz;
      }
    }
  }
  return null;
}

function containsSelfReport(check: Check): boolean {
  return (
    check.type === 'self-report' ||
    ((check.type === 'all' || check.type === 'any') &&
      check.checks.some(containsSelfReport))
  );
}

function hasOtherChecks(check: Check): boolean {
  if (check.type === 'all' || check.type === 'any') {
    return check.checks.some(hasOtherChecks);
  }
  return check.type !== 'self-report';
}
