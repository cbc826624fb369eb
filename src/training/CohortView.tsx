/** The Hub Champion's cohort view: help requests, each tutorial's learners, a finish chart, CSV export. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import {
  cohortCsv,
  completionsOverTime,
  summarizeCohort,
  type ICompletionPoint
} from './cohort';
import type { IHelpRequest, TrainingModel } from './model';

interface IProps {
  model: TrainingModel;
  trans: TranslationBundle;
}

/** For Hub Champions: who asked for help, and per tutorial each learner's steps and where they are stuck. */
export function CohortView({ model, trans }: IProps): JSX.Element {
  const cohort = model.cohort ?? [];
  const tutorials = model.catalogue
    .map(summary => ({ summary, learners: summarizeCohort(cohort, summary) }))
    .filter(entry => entry.learners.length > 0);
  return (
    <section
      className="jp-Catalyst-section jp-Catalyst-training-cohort"
      aria-labelledby="jp-Catalyst-training-cohort-title"
    >
      <h3
        id="jp-Catalyst-training-cohort-title"
        className="jp-Catalyst-sectionTitle"
      >
        {trans.__("Your hub's learners")}
      </h3>
      <div className="jp-Catalyst-training-cohortActions">
        <button
          className="jp-mod-styled"
          onClick={() => void model.refreshCohort()}
        >
          {trans.__('Refresh')}
        </button>
        <button
          className="jp-mod-styled jp-Catalyst-training-exportCsv"
          disabled={cohort.length === 0}
          onClick={() => download(cohortCsv(cohort))}
        >
          {trans.__('Export CSV')}
        </button>
      </div>
      <HelpRequests model={model} trans={trans} />
      {tutorials.length === 0 && (
        <p>{trans.__('Nobody on this hub has started a tutorial yet.')}</p>
      )}
      {tutorials.map(({ summary, learners }) => (
        <div key={summary.id} className="jp-Catalyst-training-cohortTutorial">
          <table
            className="jp-Catalyst-training-cohortTable"
            data-tutorial={summary.id}
          >
            <caption>{model.text(summary.title)}</caption>
            <thead>
              <tr>
                <th scope="col">{trans.__('Learner')}</th>
                <th scope="col">{trans.__('Steps done')}</th>
                <th scope="col">{trans.__('Stuck at')}</th>
              </tr>
            </thead>
            <tbody>
              {learners.map(learner => (
                <tr key={learner.user} data-user={learner.user}>
                  <th scope="row">{learner.user}</th>
                  <td>
                    {learner.passed === learner.total
                      ? trans.__('Finished')
                      : trans.__('%1 of %2', learner.passed, learner.total)}
                  </td>
                  <td>{learner.stuckAt ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CompletionChart
            points={completionsOverTime(cohort, summary)}
            learners={learners.length}
            trans={trans}
          />
        </div>
      ))}
    </section>
  );
}

/** Open "I'm stuck" requests, newest first, each with its step and note. */
function HelpRequests({ model, trans }: IProps): JSX.Element | null {
  const requests = model.helpRequests ?? [];
  if (!requests.length) {
    return null;
  }
  const stepTitle = (request: IHelpRequest) => {
    const summary = model.catalogue.find(t => t.id === request.tutorialId);
    return summary
      ? `${model.text(summary.title)} / ${request.stepId}`
      : `${request.tutorialId} / ${request.stepId}`;
  };
  return (
    <section
      className="jp-Catalyst-training-help"
      aria-labelledby="jp-Catalyst-training-help-title"
    >
      <h4 id="jp-Catalyst-training-help-title">
        {trans.__('Asking for help (%1)', requests.length)}
      </h4>
      <ul>
        {requests.map(request => (
          <li key={request.id} data-user={request.user}>
            <strong>{request.user}</strong> · {stepTitle(request)} ·{' '}
            <time dateTime={request.createdAt}>
              {new Date(request.createdAt).toLocaleString()}
            </time>
            {request.note && (
              <blockquote className="jp-Catalyst-training-helpNote">
                {request.note}
              </blockquote>
            )}
            {request.context && (
              <p className="jp-Catalyst-training-helpContext">
                {trans.__(
                  '%1 attempts, %2 hints',
                  request.context.attempts ?? 0,
                  request.context.hintsUsed ?? 0
                )}
                {request.context.reasons?.length
                  ? ` · ${request.context.reasons.join(', ')}`
                  : ''}
              </p>
            )}
            <button
              className="jp-mod-styled"
              aria-label={trans.__(
                'Mark the request of %1 resolved',
                request.user
              )}
              onClick={() => void model.resolveHelp(request.id)}
            >
              {trans.__('Resolved')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const WIDTH = 240;
const HEIGHT = 64;

/** Cumulative finishers by day as a step line, with its numbers in the accessible name. */
function CompletionChart({
  points,
  learners,
  trans
}: {
  points: ICompletionPoint[];
  learners: number;
  trans: TranslationBundle;
}): JSX.Element {
  const last = points[points.length - 1];
  const label = last
    ? trans.__(
        '%1 of %2 learners finished, the latest on %3',
        last.finished,
        learners,
        last.day
      )
    : trans.__('Nobody has finished yet.');
  if (!last) {
    return <p className="jp-Catalyst-training-chartEmpty">{label}</p>;
  }
  const first = Date.parse(points[0]!.day);
  const span = Math.max(Date.parse(last.day) - first, 86400000);
  const x = (day: string) => ((Date.parse(day) - first) / span) * WIDTH;
  const y = (finished: number) =>
    HEIGHT - (finished / Math.max(learners, 1)) * HEIGHT;
  let path = `M0,${HEIGHT}`;
  for (const point of points) {
    const px = x(point.day).toFixed(1);
    path += ` H${px} V${y(point.finished).toFixed(1)}`;
  }
  path += ` H${WIDTH}`;
  return (
    <figure className="jp-Catalyst-training-chart">
      <svg
        role="img"
        aria-label={label}
        viewBox={`-2 -2 ${WIDTH + 4} ${HEIGHT + 4}`}
        width={WIDTH}
        height={HEIGHT}
      >
        <line
          className="jp-Catalyst-training-chartAxis"
          x1={0}
          y1={HEIGHT}
          x2={WIDTH}
          y2={HEIGHT}
        />
        <path className="jp-Catalyst-training-chartLine" d={path} />
      </svg>
      <figcaption>
        {label} · {points[0]!.day} → {last.day}
      </figcaption>
    </figure>
  );
}

/** Saves text as a CSV file through the browser. */
function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `training-progress-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
