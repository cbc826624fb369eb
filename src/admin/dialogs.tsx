/** Confirmations the console asks for before it acts. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/** A confirmation that needs `expected` typed exactly (deleting users). */
export function TypedConfirm(props: {
  message: string;
  expected: string;
  inputLabel: string;
  confirmLabel: string;
  trans: TranslationBundle;
  onCancel: () => void;
  onConfirm: () => void;
}): JSX.Element {
  const { trans } = props;
  const [typed, setTyped] = React.useState('');
  return (
    <div className="jp-Catalyst-admin-confirm" role="group">
      <p>{props.message}</p>
      <input
        aria-label={props.inputLabel}
        value={typed}
        onChange={e => setTyped(e.target.value)}
        onKeyDown={e => {
          if (e.key === 'Escape') {
            props.onCancel();
          }
        }}
        autoFocus
      />
      <button className="jp-mod-styled" onClick={props.onCancel}>
        {trans.__('Cancel')}
      </button>
      <button
        className="jp-mod-styled jp-mod-warn"
        disabled={typed.trim() !== props.expected}
        onClick={props.onConfirm}
      >
        {props.confirmLabel}
      </button>
    </div>
  );
}

/** Asks before acting on someone else's behalf or destroying something; resolves true to go ahead. */
export async function confirmAction(options: {
  title: string;
  body: string;
  action: string;
  trans: TranslationBundle;
}): Promise<boolean> {
  const result = await showDialog({
    title: options.title,
    body: options.body,
    buttons: [
      Dialog.cancelButton({ label: options.trans.__('Cancel') }),
      Dialog.warnButton({ label: options.action })
    ]
  });
  return result.button.accept;
}
