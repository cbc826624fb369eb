/** The users table: one row per server (named servers under their user), with each row's actions. */
import { PageConfig } from '@jupyterlab/coreutils';
import * as React from 'react';

import type { IAdminServer, IAdminUser } from '../api/admin';
import { confirmAction, TypedConfirm } from './dialogs';
import { relative, serverLabel, trainingLabel } from './format';
import { SpawnProgress } from './SpawnProgress';
import type { IViewProps } from './UsersView';

/** Props of the table: the view's, plus how to run one action with the shared busy state. */
export interface IUsersTableProps extends IViewProps {
  busy: string;
  act: (label: string, work: () => Promise<unknown>) => Promise<void>;
}

/** The current page of users. */
export function UsersTable(props: IUsersTableProps): JSX.Element {
  const { model, trans } = props;
  const items = model.page?.items ?? [];
  const [deleting, setDeleting] = React.useState('');
  const allSelected =
    items.length > 0 && items.every(u => model.selected.has(u.name));
  return (
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
          <th>{trans.__('Training')}</th>
          <th>{trans.__('Actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map(user => (
          <React.Fragment key={user.name}>
            {user.servers.map((server, index) => (
              <ServerRow
                key={`${user.name}/${server.name}`}
                {...props}
                user={user}
                server={server}
                first={index === 0}
                onDelete={() => setDeleting(user.name)}
              />
            ))}
            {deleting === user.name && (
              <tr>
                <td colSpan={7}>
                  <TypedConfirm
                    trans={trans}
                    message={trans.__(
                      'Delete %1 from the hub? Their servers are stopped; their files are kept and come back if the user is added again. Type the name to confirm.',
                      user.name
                    )}
                    expected={user.name}
                    inputLabel={trans.__('Type %1 to confirm', user.name)}
                    confirmLabel={trans.__('Delete user')}
                    onCancel={() => setDeleting('')}
                    onConfirm={() => {
                      setDeleting('');
                      void props.act(`delete ${user.name}`, () =>
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
  );
}

/** One server of a user; the first row also carries the user's own cells. */
function ServerRow(
  props: IUsersTableProps & {
    user: IAdminUser;
    server: IAdminServer;
    first: boolean;
    onDelete: () => void;
  }
): JSX.Element {
  const { model, trans, me, user, server, first, busy, act } = props;
  const own = user.name === me;
  const where = server.name ? `${user.name}/${server.name}` : user.name;
  const open = async () => {
    if (
      !own &&
      !(await confirmAction({
        trans,
        title: trans.__('Open %1’s server?', user.name),
        body: trans.__(
          'You will act as %1 inside their server: anything you run or change there happens with their files and permissions.',
          user.name
        ),
        action: trans.__('Open their server')
      }))
    ) {
      return;
    }
    window.open(`${PageConfig.getOption('hubHost')}${server.url}`, '_blank');
  };
  const removeServer = async () => {
    if (
      await confirmAction({
        trans,
        title: trans.__('Delete the server %1?', where),
        body: trans.__(
          'The hub forgets this named server and its settings; the files in the home directory are kept.'
        ),
        action: trans.__('Delete server')
      })
    ) {
      await act(`remove ${where}`, () =>
        model.api.removeServer(user.name, server.name)
      );
    }
  };
  // Stopping or restarting someone's server ends their kernels, and with them any unsaved work: ask first.
  const stopOrRestart = async (verb: 'stop' | 'restart') => {
    const stop = verb === 'stop';
    if (
      await confirmAction({
        trans,
        title: stop
          ? trans.__('Stop %1’s server?', where)
          : trans.__('Restart %1’s server?', where),
        body: trans.__(
          'Everything running there ends: their kernels and any unsaved changes in open notebooks are lost. Saved files are kept.'
        ),
        action: stop
          ? trans.__('Stop their server')
          : trans.__('Restart their server')
      })
    ) {
      await act(`${verb} ${where}`, () =>
        stop
          ? model.api.stopServer(user.name, server.name)
          : model.api.restartServer(user.name, server.name)
      );
    }
  };
  const ownTitle = own
    ? trans.__('Stop your own server from File > Hub Control Panel')
    : '';
  return (
    <tr
      data-user={user.name}
      data-server={server.name}
      className="jp-Catalyst-admin-row"
    >
      <td>
        {first && (
          <input
            type="checkbox"
            aria-label={trans.__('Select %1', user.name)}
            checked={model.selected.has(user.name)}
            onChange={() => model.toggle(user.name)}
          />
        )}
      </td>
      <td>
        {first ? user.name : `↳ ${server.name}`}
        {first && user.admin && (
          <span className="jp-Catalyst-admin-badge">{trans.__('admin')}</span>
        )}
      </td>
      <td>{first ? user.groups.join(', ') : ''}</td>
      <td className="jp-Catalyst-admin-state">
        {serverLabel(server, trans)}
        {server.pending === 'spawn' && model.info?.features.progress && (
          <SpawnProgress
            api={model.api}
            user={user.name}
            server={server.name}
            trans={trans}
          />
        )}
      </td>
      <td>
        {relative(first ? user.last_activity : server.last_activity, trans)}
      </td>
      <td
        className="jp-Catalyst-admin-training"
        title={
          first && user.training
            ? trans._n(
                'in %1 tutorial',
                'in %1 tutorials',
                user.training.tutorials
              )
            : ''
        }
      >
        {first ? trainingLabel(user.training, trans) : ''}
      </td>
      <td className="jp-Catalyst-admin-actions">
        {server.ready || server.pending ? (
          <button
            className="jp-mod-styled"
            disabled={!!busy || own}
            title={ownTitle}
            onClick={() => void stopOrRestart('stop')}
          >
            {trans.__('Stop')}
          </button>
        ) : (
          <button
            className="jp-mod-styled"
            disabled={!!busy}
            onClick={() =>
              void act(`start ${where}`, () =>
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
            disabled={!!busy || own}
            title={ownTitle}
            onClick={() => void stopOrRestart('restart')}
          >
            {trans.__('Restart')}
          </button>
        )}
        {server.ready && (
          <button className="jp-mod-styled" onClick={() => void open()}>
            {trans.__('Open')}
          </button>
        )}
        {server.name && !server.ready && !server.pending && (
          <button
            className="jp-mod-styled jp-mod-warn"
            disabled={!!busy}
            onClick={() => void removeServer()}
          >
            {trans.__('Delete server')}
          </button>
        )}
        {first && !user.admin && !own && (
          <button
            className="jp-mod-styled jp-mod-warn"
            onClick={props.onDelete}
          >
            {trans.__('Delete')}
          </button>
        )}
      </td>
    </tr>
  );
}
