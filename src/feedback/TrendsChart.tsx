/** Items per week as stacked bars by state: plain SVG, coloured by theme variables in feedback.css. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { FEEDBACK_STATES, type ITrendCell } from '../api/feedback';
import { stateLabel } from './labels';
import { weeklyTotals } from './triageRules';

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { left: 32, right: 8, top: 8, bottom: 28 };

/** The trends chart with a legend and the same numbers as a table. */
export function TrendsChart(props: {
  cells: ITrendCell[];
  trans: TranslationBundle;
}): JSX.Element {
  const { cells, trans } = props;
  const weeks = weeklyTotals(cells);
  if (!weeks.length) {
    return (
      <p className="jp-Catalyst-feedback-empty">
        {trans.__('No items in this period.')}
      </p>
    );
  }
  const max = Math.max(1, ...weeks.map(w => w.total));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / weeks.length;
  const barW = Math.max(2, Math.min(28, step * 0.7));
  const y = (n: number) => PAD.top + plotH - (n / max) * plotH;
  const states = FEEDBACK_STATES.filter(s => weeks.some(w => w.byState[s]));
  const summary = trans.__(
    '%1 weeks from %2 to %3, at most %4 items in a week',
    weeks.length,
    weeks[0].week,
    weeks[weeks.length - 1].week,
    max
  );
  return (
    <figure className="jp-Catalyst-feedback-trends">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        className="jp-Catalyst-feedback-chart"
      >
        <line
          className="jp-Catalyst-feedback-axis"
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={y(0)}
          y2={y(0)}
        />
        <text className="jp-Catalyst-feedback-tick" x={4} y={y(max) + 4}>
          {max}
        </text>
        <text className="jp-Catalyst-feedback-tick" x={4} y={y(0)}>
          0
        </text>
        {weeks.map((week, i) => {
          const x = PAD.left + i * step + (step - barW) / 2;
          let base = 0;
          return (
            <g key={week.week} data-week={week.week}>
              {states.map(state => {
                const n = week.byState[state] ?? 0;
                if (!n) {
                  return null;
                }
                const top = y(base + n);
                const rect = (
                  <rect
                    key={state}
                    className={`jp-Catalyst-feedback-bar jp-mod-${state}`}
                    x={x}
                    y={top}
                    width={barW}
                    height={y(base) - top}
                  >
                    <title>{`${week.week} · ${stateLabel(trans, state)}: ${n}`}</title>
                  </rect>
                );
                base += n;
                return rect;
              })}
              {week.suppressed && (
                <text
                  className="jp-Catalyst-feedback-tick"
                  x={x + barW / 2}
                  y={y(base) - 2}
                  textAnchor="middle"
                >
                  *
                </text>
              )}
              {(i === 0 ||
                i === weeks.length - 1 ||
                i % Math.ceil(weeks.length / 6) === 0) && (
                <text
                  className="jp-Catalyst-feedback-tick"
                  x={x + barW / 2}
                  y={HEIGHT - 10}
                  textAnchor="middle"
                >
                  {week.week.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="jp-Catalyst-feedback-legend">
          {states.map(state => (
            <li key={state}>
              <svg width="10" height="10" aria-hidden="true">
                <rect
                  className={`jp-Catalyst-feedback-bar jp-mod-${state}`}
                  width="10"
                  height="10"
                />
              </svg>{' '}
              {stateLabel(trans, state)}
            </li>
          ))}
        </ul>
        {weeks.some(w => w.suppressed) && (
          <p className="jp-Catalyst-feedback-hint">
            {trans.__(
              '* Some counts are hidden: fewer than 5 items including anonymous ones.'
            )}
          </p>
        )}
        <details>
          <summary>{trans.__('Show as a table')}</summary>
          <table className="jp-Catalyst-feedback-table">
            <thead>
              <tr>
                <th scope="col">{trans.__('Week of')}</th>
                {states.map(s => (
                  <th key={s} scope="col">
                    {stateLabel(trans, s)}
                  </th>
                ))}
                <th scope="col">{trans.__('Total')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map(w => (
                <tr key={w.week}>
                  <th scope="row">{w.week}</th>
                  {states.map(s => (
                    <td key={s}>{w.byState[s] ?? 0}</td>
                  ))}
                  <td>
                    {w.total}
                    {w.suppressed ? ' *' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
