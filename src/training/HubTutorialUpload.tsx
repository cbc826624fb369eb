/** For Hub Champions: add a tutorial file for this hub, with its errors shown by line and field. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { TrainingModel, UploadOutcome } from './model';

interface IProps {
  model: TrainingModel;
  trans: TranslationBundle;
}

/** A file picker that checks, then adds, a tutorial for this hub. */
export function HubTutorialUpload({ model, trans }: IProps): JSX.Element {
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<UploadOutcome | null>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) {
      return;
    }
    setBusy(true);
    setOutcome(null);
    setOutcome(await model.uploadTutorial(file.name, await file.text()));
    setBusy(false);
  };
  return (
    <section
      className="jp-Catalyst-section jp-Catalyst-training-upload"
      aria-labelledby="jp-Catalyst-training-upload-title"
    >
      <h3
        id="jp-Catalyst-training-upload-title"
        className="jp-Catalyst-sectionTitle"
      >
        {trans.__('Add a tutorial for this hub')}
      </h3>
      <label>
        {trans.__('Tutorial file (.md), in the format of the shipped ones')}
        <input
          type="file"
          accept=".md,text/markdown"
          disabled={busy}
          onChange={event => {
            void onFile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </label>
      <div role="status" aria-live="polite">
        {busy && <p>{trans.__('Checking the file…')}</p>}
        {outcome?.ok && (
          <p className="jp-Catalyst-training-uploadDone">
            {trans.__('Added %1, version %2.', outcome.id, outcome.version)}{' '}
            {outcome.carriesFrom &&
              trans.__(
                '%1 unchanged steps keep the passes learners made in version %2; the others reopen.',
                outcome.carriesFrom.steps.length,
                outcome.carriesFrom.version
              )}
          </p>
        )}
        {outcome && !outcome.ok && (
          <div className="jp-Catalyst-training-uploadErrors">
            <p>
              {outcome.errors.length
                ? trans.__('The file was not added. Fix these and try again:')
                : trans.__('The file was not added: %1', outcome.message)}
            </p>
            <ul>
              {outcome.errors.map((error, i) => (
                <li key={i}>
                  {trans.__(
                    '%1, line %2, %3: %4',
                    error.file,
                    error.line,
                    error.field,
                    error.message
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}
