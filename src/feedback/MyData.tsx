/** "Your data" in My feedback: download everything held under one's name, or erase it. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import * as React from 'react';

import type { EraseMode } from '../api/feedback';
import type { IListProps } from './MyFeedback';
import { download } from './Triage';

/** The export and erase controls, with the choice of what happens to one's items. */
export function MyData(props: IListProps): JSX.Element {
  const { model, trans, run } = props;
  const [mode, setMode] = React.useState<EraseMode>('reattribute');

  const exportMine = () =>
    run(async () => {
      const data = await model.exportMine();
      download(
        `catalyst-feedback-${data.user}-${data.exportedAt.slice(0, 10)}.json`,
        JSON.stringify(data, null, 2),
        'application/json'
      );
    }, trans.__('Your data was downloaded.'));

  const erase = async () => {
    const answer = await showDialog({
      title: trans.__('Erase your feedback data?'),
      body:
        (mode === 'delete'
          ? trans.__(
              'Your signed items are deleted with their responses and history.'
            )
          : trans.__(
              'Your signed items stay for the community, signed “former participant”; nothing links them to you any more.'
            )) +
        ' ' +
        trans.__(
          'Your supports and reports are removed too. This cannot be undone. Anonymous items are not affected: withdraw them with their receipt codes.'
        ),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Keep my data') }),
        Dialog.warnButton({ label: trans.__('Erase') })
      ]
    });
    if (!answer.button.accept) {
      return;
    }
    let done = '';
    await run(async () => {
      const erased = await model.eraseMine(mode);
      done = trans.__(
        'Erased: %1 items, %2 supports, %3 reports.',
        erased.items,
        erased.supports,
        erased.reports
      );
    });
    if (done) {
      props.announce(done);
    }
  };

  const option = (value: EraseMode, label: string) => (
    <label>
      <input
        type="radio"
        name="jp-Catalyst-feedback-eraseMode"
        value={value}
        checked={mode === value}
        onChange={() => setMode(value)}
      />{' '}
      {label}
    </label>
  );

  return (
    <section
      className="jp-Catalyst-feedback-myData"
      aria-labelledby="jp-Catalyst-feedback-myDataTitle"
    >
      <h4 id="jp-Catalyst-feedback-myDataTitle">{trans.__('Your data')}</h4>
      <p className="jp-Catalyst-feedback-hint">
        {trans.__(
          'Download or erase everything this service holds under your name: your signed items, supports and reports. Anonymous items are not linked to you, so they are neither included nor erased.'
        )}
      </p>
      <div className="jp-Catalyst-feedback-actions">
        <button
          type="button"
          className="jp-mod-styled jp-Catalyst-feedback-export"
          onClick={() => void exportMine()}
        >
          {trans.__('Download my data (JSON)')}
        </button>
      </div>
      <fieldset className="jp-Catalyst-feedback-radios">
        <legend>
          {trans.__('When you erase your data, your signed items')}
        </legend>
        {option(
          'reattribute',
          trans.__('stay for the community, signed “former participant”')
        )}
        {option('delete', trans.__('are deleted'))}
      </fieldset>
      <div className="jp-Catalyst-feedback-actions">
        <button
          type="button"
          className="jp-mod-styled jp-mod-warn jp-Catalyst-feedback-erase"
          onClick={() => void erase()}
        >
          {trans.__('Erase my data…')}
        </button>
      </div>
    </section>
  );
}
