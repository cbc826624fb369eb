/** A group's properties as typed key/values (text, number, yes/no), saved as a whole. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { AdminApi, GroupPropertyValue, IGroup } from '../api/admin';

type Kind = 'text' | 'number' | 'boolean';

interface IRow {
  key: string;
  kind: Kind;
  value: string;
}

/** The operator's marker of a managed group: shown, never edited here. */
const MANAGED_PROPERTY = 'catalyst.managed';

function toRows(properties: Record<string, unknown>): IRow[] {
  return Object.entries(properties)
    .filter(([key]) => key !== MANAGED_PROPERTY)
    .map(([key, value]) => ({
      key,
      kind:
        typeof value === 'number'
          ? 'number'
          : typeof value === 'boolean'
            ? 'boolean'
            : 'text',
      value: typeof value === 'string' ? value : JSON.stringify(value)
    }));
}

/** The rows as the properties object, or the first problem found. */
export function rowsToProperties(
  rows: { key: string; kind: Kind; value: string }[]
): { properties: Record<string, GroupPropertyValue> } | { problem: string } {
  const properties: Record<string, GroupPropertyValue> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) {
      return { problem: 'empty-key' };
    }
    if (/\s/.test(key) || key in properties) {
      return { problem: `bad-key:${key}` };
    }
    if (row.kind === 'number') {
      const n = Number(row.value);
      if (row.value.trim() === '' || !Number.isFinite(n)) {
        return { problem: `bad-number:${key}` };
      }
      properties[key] = n;
    } else if (row.kind === 'boolean') {
      properties[key] = row.value === 'true';
    } else {
      properties[key] = row.value;
    }
  }
  return { properties };
}

/** The properties editor of one group. */
export function GroupProperties(props: {
  api: AdminApi;
  trans: TranslationBundle;
  group: IGroup;
  readOnly: boolean;
  act: (done: string, work: () => Promise<unknown>) => Promise<void>;
}): JSX.Element {
  const { api, trans, group, readOnly } = props;
  const [rows, setRows] = React.useState<IRow[]>(() =>
    toRows(group.properties)
  );
  const [problem, setProblem] = React.useState('');
  const update = (index: number, change: Partial<IRow>) =>
    setRows(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const save = () => {
    const result = rowsToProperties(rows);
    if ('problem' in result) {
      const [kind, key] = result.problem.split(':');
      setProblem(
        kind === 'empty-key'
          ? trans.__('Every property needs a name.')
          : kind === 'bad-number'
            ? trans.__('%1 must be a number.', key ?? '')
            : trans.__(
                '%1 is used twice or has spaces; names are single words.',
                key ?? ''
              )
      );
      return;
    }
    setProblem('');
    void props.act(
      trans.__('The properties of %1 were saved.', group.name),
      () => api.setGroupProperties(group.name, result.properties)
    );
  };
  return (
    <div className="jp-Catalyst-admin-properties">
      <h3>{trans.__('Properties')}</h3>
      <p className="jp-Catalyst-admin-note">
        {trans.__(
          'Properties may change what the members’ servers get (profiles, images, resources) when the hub’s spawner reads them. Change them only if you know how this hub uses them.'
        )}
      </p>
      {!rows.length && (
        <p className="jp-Catalyst-admin-empty">{trans.__('No properties.')}</p>
      )}
      {rows.map((row, index) => (
        <div key={index} className="jp-Catalyst-admin-property">
          <input
            aria-label={trans.__('Property name')}
            value={row.key}
            disabled={readOnly}
            onChange={e => update(index, { key: e.target.value })}
          />
          <select
            aria-label={trans.__('Type of %1', row.key)}
            value={row.kind}
            disabled={readOnly}
            onChange={e =>
              update(index, {
                kind: e.target.value as Kind,
                value: e.target.value === 'boolean' ? 'false' : row.value
              })
            }
          >
            <option value="text">{trans.__('text')}</option>
            <option value="number">{trans.__('number')}</option>
            <option value="boolean">{trans.__('yes/no')}</option>
          </select>
          {row.kind === 'boolean' ? (
            <select
              aria-label={trans.__('Value of %1', row.key)}
              value={row.value}
              disabled={readOnly}
              onChange={e => update(index, { value: e.target.value })}
            >
              <option value="true">{trans.__('yes')}</option>
              <option value="false">{trans.__('no')}</option>
            </select>
          ) : (
            <input
              aria-label={trans.__('Value of %1', row.key)}
              type={row.kind === 'number' ? 'number' : 'text'}
              value={row.value}
              disabled={readOnly}
              onChange={e => update(index, { value: e.target.value })}
            />
          )}
          {!readOnly && (
            <button
              className="jp-mod-styled"
              aria-label={trans.__('Remove the property %1', row.key)}
              onClick={() => setRows(rows.filter((_, i) => i !== index))}
            >
              ×
            </button>
          )}
        </div>
      ))}
      {problem && (
        <p role="alert" className="jp-Catalyst-admin-error">
          {problem}
        </p>
      )}
      {!readOnly && (
        <div>
          <button
            className="jp-mod-styled"
            onClick={() =>
              setRows([...rows, { key: '', kind: 'text', value: '' }])
            }
          >
            {trans.__('Add property')}
          </button>
          <button className="jp-mod-styled jp-mod-accept" onClick={save}>
            {trans.__('Save properties')}
          </button>
        </div>
      )}
    </div>
  );
}
