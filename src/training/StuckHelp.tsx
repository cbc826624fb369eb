/** "I'm stuck": the hint ladder, then the solution, then an optional note to the hub's champions. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { TrainingModel } from './model';
import type { IStep } from './types';

interface IProps {
  model: TrainingModel;
  trans: TranslationBundle;
  step: IStep;
}

/** The step's help: one rung at a time, and a message to champions at any rung. */
export function StuckHelp({ model, trans, step }: IProps): JSX.Element {
  const [open, setOpen] = React.useState(false);
  const [note, setNote] = React.useState('');
  const [share, setShare] = React.useState(false);
  const hintsLeft = step.hints.length - model.hintsShown;
  const id = `jp-Catalyst-training-stuck-${step.id}`;
  return (
    <div className="jp-Catalyst-training-stuck">
      <button
        className="jp-mod-styled jp-Catalyst-training-stuckButton"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {trans.__("I'm stuck")}
      </button>
      {open && (
        <div id={id} className="jp-Catalyst-training-stuckBody">
          {hintsLeft > 0 ? (
            <p>
              {trans.__('Start with a hint: they get more precise each time.')}{' '}
              <button
                className="jp-mod-styled"
                onClick={() => model.showHint()}
              >
                {trans.__('Show a hint')}
              </button>
            </p>
          ) : step.solution && !model.solutionShown ? (
            <p>
              {trans.__('No hints left. You can look at the solution.')}{' '}
              <button
                className="jp-mod-styled jp-Catalyst-training-showSolution"
                onClick={() => model.showSolution()}
              >
                {trans.__('Show the solution')}
              </button>
            </p>
          ) : null}
          <form
            className="jp-Catalyst-training-helpForm"
            onSubmit={event => {
              event.preventDefault();
              void model.askForHelp(note, share);
            }}
          >
            <label>
              {trans.__('Ask a Hub Champion: what did you try? (optional)')}
              <textarea
                value={note}
                maxLength={1000}
                rows={3}
                onChange={event => setNote(event.target.value)}
              />
            </label>
            <label className="jp-Catalyst-training-consent">
              <input
                type="checkbox"
                checked={share}
                onChange={event => setShare(event.target.checked)}
              />{' '}
              {trans.__(
                "Also share my attempts, hints used and the check's last answer"
              )}
            </label>
            <button
              type="submit"
              className="jp-mod-styled jp-Catalyst-training-askHelp"
              disabled={
                model.helpState === 'sending' || model.helpState === 'sent'
              }
            >
              {trans.__('Send to the Hub Champions')}
            </button>
            <p
              className="jp-Catalyst-training-helpStatus"
              role="status"
              aria-live="polite"
              data-state={model.helpState}
            >
              {model.helpState === 'sending'
                ? trans.__('Sending…')
                : model.helpState === 'sent'
                  ? trans.__(
                      "Sent. Your hub's champions see it with this step."
                    )
                  : model.helpState === 'failed'
                    ? trans.__(
                        'Could not send it: the Catalyst service did not answer. Try again.'
                      )
                    : ''}
            </p>
          </form>
        </div>
      )}
    </div>
  );
}
