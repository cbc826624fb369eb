/** The audit log: who did what to whom and what the hub answered, with filters and CSV export. */
import { Time } from '@jupyterlab/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { AdminApi, IAuditEntry } from '../api/admin';
import { AUDIT_ACTIONS, auditActionLabel, auditOutcomeLabel } from './format';

/** The audit log with filters and CSV export. */
export function AuditView(props: {
  api: AdminApi;
  trans: TranslationBundle;
}): JSX.Element {
  const { api, trans } = props;
  const [filter, setFilter] = React.useState({
    actor: '',
    action: '',
    target: ''
  });
  const [items, setItems] = React.useState<IAuditEntry[] | null>(null);
  const [total, setTotal] = React.useState(0);
  const [error, setError] = React.useState('');
  const load = React.useCallback(() => {
    api.listAudit({ ...filter, limit: 100 }).then(
      page => {
        setItems(page.items);
        setTotal(page.total);
        setError('');
      },
      (e: Error) => setError(e.message)
    );
  }, [api, filter]);
  React.useEffect(load, [load]);

  const exportCsv = async () => {
    try {
      const { filename, csv } = await api.exportAudit(filter);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const field = (key: 'actor' | 'target', label: string) => (
    <label>
      {label}
      <input
        value={filter[key]}
        onChange={e => setFilter({ ...filter, [key]: e.target.value.trim() })}
      />
    </label>
  );
  return (
    <div className="jp-Catalyst-admin-audit">
      <div className="jp-Catalyst-admin-filters">
        {field('actor', trans.__('Who'))}
        <label>
          {trans.__('Action')}
          {/* The service matches the exact code: offer the codes, named in the user's language. */}
          <select
            className="jp-Catalyst-admin-audit-action"
            value={filter.action}
            onChange={e => setFilter({ ...filter, action: e.target.value })}
          >
            <option value="">{trans.__('Any action')}</option>
            {AUDIT_ACTIONS.map(action => (
              <option key={action} value={action}>
                {auditActionLabel(action, trans)}
              </option>
            ))}
          </select>
        </label>
        {field('target', trans.__('Target'))}
        <button className="jp-mod-styled" onClick={load}>
          {trans.__('Refresh')}
        </button>
        <button className="jp-mod-styled" onClick={() => void exportCsv()}>
          {trans.__('Export CSV')}
        </button>
      </div>
      {error && (
        <p role="alert" className="jp-Catalyst-admin-error">
          {trans.__(
            'The audit log could not be read: %1. Try again shortly.',
            error
          )}
        </p>
      )}
      {items && !items.length && (
        <p className="jp-Catalyst-admin-empty">
          {trans.__(
            'Nothing recorded yet: actions done from this console appear here.'
          )}
        </p>
      )}
      {items && items.length > 0 && (
        <>
          <p>{trans.__('%1 entries', total)}</p>
          <table className="jp-Catalyst-admin-table">
            <thead>
              <tr>
                <th>{trans.__('When')}</th>
                <th>{trans.__('Who')}</th>
                <th>{trans.__('Action')}</th>
                <th>{trans.__('Target')}</th>
                <th>{trans.__('Outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(entry => (
                <tr key={entry.id} className="jp-Catalyst-admin-audit-row">
                  <td title={entry.at}>{Time.formatHuman(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td data-action={entry.action} title={entry.action}>
                    {auditActionLabel(entry.action, trans)}
                  </td>
                  <td>{entry.target ?? ''}</td>
                  <td data-outcome={entry.outcome}>
                    {auditOutcomeLabel(entry.outcome, trans)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
