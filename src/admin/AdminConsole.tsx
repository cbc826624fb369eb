import { Dialog, showDialog } from '@jupyterlab/apputils';
import { PageConfig, Time } from '@jupyterlab/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type {
  AdminApi,
  IAddUsersResult,
  IAdminServer,
  IAdminUser,
  IAuditEntry,
  IHubInfo,
  UserSort,
  UserState
} from '../api/admin';
import { AdminConsoleModel, type BulkAction } from './model';

/** The console's content: users table and audit view, mounted into the sidebar shell on first open. */
export class AdminConsoleWidget extends ReactWidget {
  constructor(options: AdminConsoleWidget.IOptions) {
    super();
    this.addClass('jp-Catalyst-admin');
    this._options = options;
    this.model = new AdminConsoleModel(options.api);
    void this.model.refresh();
  }

  /** The users table's model. */
  readonly model: AdminConsoleModel;

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this.model.changed}>
        {() => (
          <AdminConsoleView
            model={this.model}
            trans={this._options.trans}
            me={this._options.me}
          />
        )}
      </UseSignal>
    );
  }

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }

  private _options: AdminConsoleWidget.IOptions;
}

/** The static namespace of AdminConsoleWidget. */
export namespace AdminConsoleWidget {
  /** Construction options. */
  export interface IOptions {
    api: AdminApi;
    trans: TranslationBundle;
    /** The signed-in champion's name. */
    me: string;
  }
}

/** Props shared by the console's views. */
interface IViewProps {
  model: AdminConsoleModel;
  trans: TranslationBundle;
  me: string;
}

/** The whole console for one snapshot of the model. */
export function AdminConsoleView(props: IViewProps): JSX.Element {
  const { trans } = props;
  const [tab, setTab] = React.useState<'users' | 'audit'>('users');
  return (
    <div className="jp-Catalyst-admin-content">
      <h2 className="jp-Catalyst-title">{trans.__('Hub admin')}</h2>
      <HubInfoLine api={props.model.api} trans={trans} />
      <div role="tablist" className="jp-Catalyst-admin-tabs">
        <button
          role="tab"
          aria-selected={tab === 'users'}
          className="jp-Catalyst-admin-tab"
          onClick={() => setTab('users')}
        >
          {trans.__('Users')}
        </button>
        <button
          role="tab"
          aria-selected={tab === 'audit'}
          className="jp-Catalyst-admin-tab"
          onClick={() => setTab('audit')}
        >
          {trans.__('Audit log')}
        </button>
      </div>
      {tab === 'users' ? (
        <UsersView {...props} />
      ) : (
        <AuditView api={props.model.api} trans={trans} />
      )}
    </div>
  );
}

/** How people log in on this hub, from GET info. */
function HubInfoLine(props: {
  api: AdminApi;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { api, trans } = props;
  const [info, setInfo] = React.useState<IHubInfo | null>(null);
  React.useEffect(() => {
    api.info().then(setInfo, () => setInfo(null));
  }, [api]);
  if (!info) {
    return null;
  }
  return (
    <p className="jp-Catalyst-admin-info">
      {trans.__(
        'JupyterHub %1; people log in through %2. Adding a user here does not by itself let them log in if that login does not allow them.',
        info.version,
        info.authenticator.class || trans.__('an unknown authenticator')
      )}
    </p>
  );
}

/** A human "3 minutes ago", or "never". */
function relative(value: string | null, trans: TranslationBundle): string {
  return value ? Time.formatHuman(value) : trans.__('never');
}

function serverLabel(server: IAdminServer, trans: TranslationBundle): string {
  if (server.pending) {
    return trans.__('pending (%1)', server.pending);
  }
  return server.ready ? trans.__('running') : trans.__('stopped');
}

/** The users table with filters, paging, row actions and bulk actions. */
function UsersView(props: IViewProps): JSX.Element {
  const { model, trans, me } = props;
  const { query, page } = model;
  const [busy, setBusy] = React.useState<string>('');
  const [message, setMessage] = React.useState<string>('');
  const [deleting, setDeleting] = React.useState<string>('');
  const [adding, setAdding] = React.useState(false);

  const act = async (
    label: string,
    work: () => Promise<unknown>
  ): Promise<void> => {
    setBusy(label);
    setMessage('');
    try {
      await work();
      await model.refresh();
    } catch (error) {
      setMessage((error as Error).message);
    } finally {
      setBusy('');
    }
  };

  const open = async (user: IAdminUser, server: IAdminServer) => {
    if (user.name !== me) {
      const result = await showDialog({
        title: trans.__('Open %1’s server?', user.name),
        body: trans.__(
          'You will act as %1 inside their server: anything you run or change there happens with their files and permissions.',
          user.name
        ),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Cancel') }),
          Dialog.warnButton({ label: trans.__('Open their server') })
        ]
      });
      if (!result.button.accept) {
        return;
      }
    }
    window.open(`${PageConfig.getOption('hubHost')}${server.url}`, '_blank');
  };

  const total = page?.total ?? 0;
  const first = total ? query.offset + 1 : 0;
  const last = Math.min(query.offset + query.limit, total);
  const items = page?.items ?? [];
  const allSelected =
    items.length > 0 && items.every(u => model.selected.has(u.name));

  return (
    <div className="jp-Catalyst-admin-users">
      <div className="jp-Catalyst-admin-filters">
        <label>
          {trans.__('Search')}
          <input
            type="search"
            className="jp-Catalyst-admin-search"
            value={query.nameFilter}
            placeholder={trans.__('Part of a user name')}
            onChange={e => void model.setQuery({ nameFilter: e.target.value })}
          />
        </label>
        <label>
          {trans.__('Servers')}
          <select
            value={query.state}
            onChange={e =>
              void model.setQuery({ state: e.target.value as UserState })
            }
          >
            <option value="">{trans.__('All users')}</option>
            <option value="active">{trans.__('Server active')}</option>
            <option value="ready">{trans.__('Server ready')}</option>
            <option value="inactive">{trans.__('No active server')}</option>
          </select>
        </label>
        <label>
          {trans.__('Sort')}
          <select
            value={query.sort}
            onChange={e =>
              void model.setQuery({ sort: e.target.value as UserSort })
            }
          >
            <option value="name">{trans.__('Name (A–Z)')}</option>
            <option value="-name">{trans.__('Name (Z–A)')}</option>
            <option value="-last_activity">
              {trans.__('Most recently active')}
            </option>
            <option value="last_activity">
              {trans.__('Least recently active')}
            </option>
          </select>
        </label>
        <button className="jp-mod-styled" onClick={() => setAdding(!adding)}>
          {trans.__('Add users')}
        </button>
      </div>

      {adding && (
        <AddUsersForm
          model={model}
          trans={trans}
          onClose={() => setAdding(false)}
        />
      )}

      <BulkBar model={model} trans={trans} me={me} />

      {message && (
        <p role="alert" className="jp-Catalyst-admin-error">
          {message}
        </p>
      )}
      {model.error && (
        <p role="alert" className="jp-Catalyst-admin-error">
          {trans.__(
            'The users could not be read: %1. Check the service status in the Catalyst panel, then try again.',
            model.error
          )}{' '}
          <button
            className="jp-mod-styled"
            onClick={() => void model.refresh()}
          >
            {trans.__('Try again')}
          </button>
        </p>
      )}
      {page && !items.length && !model.error && (
        <p className="jp-Catalyst-admin-empty">
          {query.nameFilter || query.state
            ? trans.__(
                'No user matches these filters. Clear the search or choose “All users”.'
              )
            : trans.__(
                'This hub has no users yet. Use “Add users” to add some.'
              )}
        </p>
      )}
      {items.length > 0 && (
        <table className="jp-Catalyst-admin-table" aria-busy={model.loading}>
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={trans.__('Select all users on this page')}
                  checked={allSelected}
                  onChange={() => model.toggleAll()}
                />
              </th>
              <th>{trans.__('Name')}</th>
              <th>{trans.__('Groups')}</th>
              <th>{trans.__('Server')}</th>
              <th>{trans.__('Last activity')}</th>
              <th>{trans.__('Actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map(user => (
              <React.Fragment key={user.name}>
                {user.servers.map((server, index) => (
                  <tr
                    key={`${user.name}/${server.name}`}
                    data-user={user.name}
                    className="jp-Catalyst-admin-row"
                  >
                    <td>
                      {index === 0 && (
                        <input
                          type="checkbox"
                          aria-label={trans.__('Select %1', user.name)}
                          checked={model.selected.has(user.name)}
                          onChange={() => model.toggle(user.name)}
                        />
                      )}
                    </td>
                    <td>
                      {index === 0 ? user.name : `↳ ${server.name}`}
                      {index === 0 && user.admin && (
                        <span className="jp-Catalyst-admin-badge">
                          {trans.__('admin')}
                        </span>
                      )}
                    </td>
                    <td>{index === 0 ? user.groups.join(', ') : ''}</td>
                    <td className="jp-Catalyst-admin-state">
                      {serverLabel(server, trans)}
                    </td>
                    <td>
                      {relative(
                        index === 0 ? user.last_activity : server.last_activity,
                        trans
                      )}
                    </td>
                    <td className="jp-Catalyst-admin-actions">
                      {server.ready || server.pending ? (
                        <button
                          className="jp-mod-styled"
                          disabled={!!busy || user.name === me}
                          title={
                            user.name === me
                              ? trans.__(
                                  'Stop your own server from File > Hub Control Panel'
                                )
                              : ''
                          }
                          onClick={() =>
                            void act(`stop ${user.name}`, () =>
                              model.api.stopServer(user.name, server.name)
                            )
                          }
                        >
                          {trans.__('Stop')}
                        </button>
                      ) : (
                        <button
                          className="jp-mod-styled"
                          disabled={!!busy}
                          onClick={() =>
                            void act(`start ${user.name}`, () =>
                              model.api.startServer(user.name, server.name)
                            )
                          }
                        >
                          {trans.__('Start')}
                        </button>
                      )}
                      {server.ready && (
                        <button
                          className="jp-mod-styled"
                          onClick={() => void open(user, server)}
                        >
                          {trans.__('Open')}
                        </button>
                      )}
                      {index === 0 && !user.admin && user.name !== me && (
                        <button
                          className="jp-mod-styled jp-mod-warn"
                          onClick={() => setDeleting(user.name)}
                        >
                          {trans.__('Delete')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
                {deleting === user.name && (
                  <tr>
                    <td colSpan={6}>
                      <DeleteConfirm
                        name={user.name}
                        trans={trans}
                        onCancel={() => setDeleting('')}
                        onConfirm={() => {
                          setDeleting('');
                          void act(`delete ${user.name}`, () =>
                            model.api.deleteUser(user.name)
                          );
                        }}
                      />
                    </td>
                  </tr>
                )}
              </React.Fragment>
            ))}
          </tbody>
        </table>
      )}
      <div className="jp-Catalyst-admin-paging">
        <span className="jp-Catalyst-admin-total">
          {trans.__('%1–%2 of %3 users', first, last, total)}
        </span>
        <button
          className="jp-mod-styled"
          disabled={query.offset === 0}
          onClick={() =>
            void model.setQuery({
              offset: Math.max(0, query.offset - query.limit)
            })
          }
        >
          {trans.__('Previous')}
        </button>
        <button
          className="jp-mod-styled"
          disabled={last >= total}
          onClick={() =>
            void model.setQuery({ offset: query.offset + query.limit })
          }
        >
          {trans.__('Next')}
        </button>
      </div>
    </div>
  );
}

/** Typed confirmation before deleting a user. */
function DeleteConfirm(props: {
  name: string;
  trans: TranslationBundle;
  onCancel: () => void;
  onConfirm: () => void;
}): JSX.Element {
  const { name, trans } = props;
  const [typed, setTyped] = React.useState('');
  return (
    <div className="jp-Catalyst-admin-confirm" role="group">
      <p>
        {trans.__(
          'Delete %1 from the hub? Their servers are stopped; their files are kept and come back if the user is added again. Type the name to confirm.',
          name
        )}
      </p>
      <input
        aria-label={trans.__('Type %1 to confirm', name)}
        value={typed}
        onChange={e => setTyped(e.target.value)}
        autoFocus
      />
      <button className="jp-mod-styled" onClick={props.onCancel}>
        {trans.__('Cancel')}
      </button>
      <button
        className="jp-mod-styled jp-mod-warn"
        disabled={typed !== name}
        onClick={props.onConfirm}
      >
        {trans.__('Delete user')}
      </button>
    </div>
  );
}

/** Bulk start, stop and add-to-group over the selection, with progress and results. */
function BulkBar(props: IViewProps): JSX.Element | null {
  const { model, trans } = props;
  const [group, setGroup] = React.useState('');
  const bulk = model.bulk;
  const count = model.selected.size;
  if (!count && !bulk) {
    return null;
  }
  const run = (action: BulkAction) => void model.runBulk(action, group);
  const failed = bulk ? bulk.results.filter(r => !r.ok) : [];
  return (
    <div className="jp-Catalyst-admin-bulk" aria-live="polite">
      {count > 0 && (
        <div className="jp-Catalyst-admin-bulk-actions">
          <span>{trans._n('%1 selected', '%1 selected', count)}</span>
          <button
            className="jp-mod-styled"
            disabled={bulk?.running}
            onClick={() => run('start')}
          >
            {trans.__('Start servers')}
          </button>
          <button
            className="jp-mod-styled"
            disabled={bulk?.running}
            onClick={() => run('stop')}
          >
            {trans.__('Stop servers')}
          </button>
          <input
            aria-label={trans.__('Group to add the selected users to')}
            placeholder={trans.__('Group')}
            value={group}
            onChange={e => setGroup(e.target.value.trim())}
          />
          <button
            className="jp-mod-styled"
            disabled={bulk?.running || !group}
            onClick={() => run('add-to-group')}
          >
            {trans.__('Add to group')}
          </button>
        </div>
      )}
      {bulk && (
        <div className="jp-Catalyst-admin-progress">
          <progress
            max={bulk.total}
            value={bulk.results.length}
            aria-label={trans.__('Bulk action progress')}
          />
          <span>
            {bulk.running
              ? trans.__('%1 of %2 done…', bulk.results.length, bulk.total)
              : trans.__(
                  'Done: %1 succeeded, %2 failed, %3 skipped.',
                  bulk.results.length - failed.length,
                  failed.length,
                  bulk.total - bulk.results.length
                )}
          </span>
          <ul className="jp-Catalyst-admin-results">
            {bulk.results.map(r => (
              <li key={r.user} data-ok={r.ok}>
                {r.ok
                  ? trans.__('%1: done', r.user)
                  : trans.__('%1: failed (%2)', r.user, r.message)}
              </li>
            ))}
          </ul>
          {bulk.running && !bulk.cancelled && (
            <button
              className="jp-mod-styled"
              onClick={() => model.cancelBulk()}
            >
              {trans.__('Cancel')}
            </button>
          )}
          {!bulk.running && (
            <button className="jp-mod-styled" onClick={() => model.clearBulk()}>
              {trans.__('Dismiss')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

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
  const names = text
    .split(/[\n,;]+/)
    .map(n => n.trim())
    .filter(Boolean);

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

/** The audit log with filters and CSV export. */
function AuditView(props: {
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
  const field = (key: keyof typeof filter, label: string) => (
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
        {field('action', trans.__('Action'))}
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
                  <td>{entry.action}</td>
                  <td>{entry.target ?? ''}</td>
                  <td>{entry.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
