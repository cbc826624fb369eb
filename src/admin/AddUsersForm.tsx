/** Add users by pasting names or importing a CSV file: a preview flags invalid, duplicate and existing names first. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IAddUsersResult } from '../api/admin';
import { namesFromCsv } from './csv';
import type { AdminConsoleModel } from './model';

/** Paste names, preview what will happen, then add the valid ones (optionally into a group). */
export function AddUsersForm(props: {
  model: AdminConsoleModel;
  trans: TranslationBundle;
  onClose: () => void;
}): JSX.Element {
  const { model, trans } = props;
  const [text, setText] = React.useState('');
  const [group, setGroup] = React.useState('');
  const [preview, setPreview] = React.useState<IAddUsersResult | null>(null);
  const [result, setResult] = React.useState<IAddUsersResult | null>(null);
  const [error, setError] = React.useState('');
  const [imported, setImported] = React.useState('');
  const names = text
    .split(/[\n,;]+/)
    .map(n => n.trim())
    .filter(Boolean);

  const importFile = async (file: File | undefined) => {
    if (!file) {
      return;
    }
    setError('');
    setPreview(null);
    if (file.size > 1024 * 1024) {
      setError(
        trans.__(
          '%1 is larger than 1 MB; split it into smaller files.',
          file.name
        )
      );
      return;
    }
    const { names: found, column } = namesFromCsv(await file.text());
    setText(found.join('\n'));
    setImported(
      column
        ? trans._n(
            '%1 name read from the column “%2” of %3.',
            '%1 names read from the column “%2” of %3.',
            found.length,
            column,
            file.name
          )
        : trans._n(
            '%1 name read from the first column of %2.',
            '%1 names read from the first column of %2.',
            found.length,
            file.name
          )
    );
  };

  const send = async (confirm: boolean) => {
    setError('');
    try {
      const answer = await model.api.addUsers(names, group, confirm);
      if (confirm) {
        setResult(answer);
        setPreview(null);
        await model.refresh();
      } else {
        setPreview(answer);
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const statusLabel = (status: string) => {
    switch (status) {
      case 'new':
        return trans.__('will be added');
      case 'exists':
        return trans.__('already a user');
      case 'invalid':
        return trans.__('invalid name');
      default:
        return trans.__('duplicate');
    }
  };
  const adding = preview?.names.filter(n => n.status === 'new').length ?? 0;
  return (
    <div className="jp-Catalyst-admin-add" role="group">
      <label>
        {trans.__('User names, one per line (or separated by commas)')}
        <textarea
          className="jp-Catalyst-admin-names"
          rows={5}
          value={text}
          onChange={e => {
            setText(e.target.value);
            setPreview(null);
          }}
        />
      </label>
      <label>
        {trans.__(
          'Or import a CSV file (a “username” column, or names in the first column)'
        )}
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          className="jp-Catalyst-admin-csv"
          onChange={e => void importFile(e.target.files?.[0])}
        />
      </label>
      {imported && (
        <p role="status" className="jp-Catalyst-admin-imported">
          {imported}
        </p>
      )}
      <label>
        {trans.__('Also add them to the group (optional)')}
        <input
          className="jp-Catalyst-admin-group"
          value={group}
          onChange={e => {
            setGroup(e.target.value.trim());
            setPreview(null);
          }}
        />
      </label>
      <div>
        <button
          className="jp-mod-styled"
          disabled={!names.length}
          onClick={() => void send(false)}
        >
          {trans.__('Preview')}
        </button>
        <button className="jp-mod-styled" onClick={props.onClose}>
          {trans.__('Close')}
        </button>
      </div>
      {error && (
        <p role="alert" className="jp-Catalyst-admin-error">
          {error}
        </p>
      )}
      {preview && (
        <div className="jp-Catalyst-admin-preview">
          <ul>
            {preview.names.map((n, i) => (
              <li key={i} data-status={n.status}>
                {`${n.name || n.input}: ${statusLabel(n.status)}`}
              </li>
            ))}
          </ul>
          {preview.group && !preview.groupExists && (
            <p>{trans.__('The group %1 will be created.', preview.group)}</p>
          )}
          <button
            className="jp-mod-styled jp-mod-accept"
            disabled={
              !adding &&
              !(preview.group && preview.names.some(n => n.status === 'exists'))
            }
            onClick={() => void send(true)}
          >
            {trans._n('Add %1 user', 'Add %1 users', adding)}
          </button>
        </div>
      )}
      {result && (
        <p role="status" className="jp-Catalyst-admin-added">
          {trans._n('%1 user added.', '%1 users added.', result.created.length)}{' '}
          {result.group &&
            trans.__(
              '%1 now in the group %2.',
              result.addedToGroup.length,
              result.group
            )}
        </p>
      )}
    </div>
  );
}
