/** "Download my data": a person's own partnership record as a JSON file. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { PartnershipsApi } from '../api/partnerships';

/** Saves `value` as a JSON file through the browser's download. */
function download(name: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], {
    type: 'application/json'
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** The button and what the service answered. */
export function MyData(props: {
  api: PartnershipsApi;
  trans: TranslationBundle;
}): JSX.Element {
  const { api, trans } = props;
  const [message, setMessage] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const fetchData = async () => {
    setBusy(true);
    try {
      download('my-partnership-data.json', await api.myData());
      setMessage(trans.__('Your data was downloaded.'));
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className="jp-Catalyst-partnerships-mydata">
      <button
        type="button"
        className="jp-mod-styled"
        disabled={busy}
        onClick={() => void fetchData()}
      >
        {trans.__('Download my data (JSON)')}
      </button>{' '}
      <span aria-live="polite">{message}</span>
    </p>
  );
}
