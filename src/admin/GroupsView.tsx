/** The groups tab: search with member counts, create, delete, members and typed properties. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { AdminApi, IGroup } from '../api/admin';
import { confirmAction } from './dialogs';
import { GroupProperties } from './GroupProperties';

/** Props of the groups tab. */
export interface IGroupsViewProps {
  api: AdminApi;
  trans: TranslationBundle;
  /** Whether the hub stores group properties (JupyterHub 4 and later). */
  canEditProperties: boolean;
}

/** The list of groups, and the chosen group's editor. */
export function GroupsView(props: IGroupsViewProps): JSX.Element {
  const { api, trans } = props;
  const [search, setSearch] = React.useState('');
  const [groups, setGroups] = React.useState<IGroup[] | null>(null);
  const [error, setError] = React.useState('');
  const [status, setStatus] = React.useState('');
  const [newName, setNewName] = React.useState('');
  const [open, setOpen] = React.useState('');

  const load = React.useCallback(async () => {
    try {
      const answer = await api.listGroups(search.trim());
      setGroups(answer.items);
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, search]);
  React.useEffect(() => {
    void load();
  }, [load]);

  const act = async (done: string, work: () => Promise<unknown>) => {
    setError('');
    setStatus('');
    try {
      await work();
      setStatus(done);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async (group: IGroup) => {
    if (
      await confirmAction({
        trans,
        title: trans.__('Delete the group %1?', group.name),
        body: trans.__(
          'Its %1 members stay users of the hub; what the group gave them (profiles, resources) stops applying.',
          group.memberCount
        ),
        action: trans.__('Delete group')
      })
    ) {
      await act(trans.__('The group %1 was deleted.', group.name), () =>
        api.deleteGroup(group.name)
      );
    }
  };

  return (
    <div className="jp-Catalyst-admin-groups">
      <div className="jp-Catalyst-admin-filters">
        <label>
          {trans.__('Search groups')}
          <input
            type="search"
            className="jp-Catalyst-admin-group-search"
            value={search}
            onChange={e => setSearch(e.target.value)}
          />
        </label>
        <label>
          {trans.__('New group')}
          <input
            className="jp-Catalyst-admin-group-new"
            value={newName}
            onChange={e => setNewName(e.target.value.trim())}
          />
        </label>
        <button
          className="jp-mod-styled"
          disabled={!newName}
          onClick={() =>
            void act(
              trans.__('The group %1 was created.', newName),
              async () => {
                await api.createGroup(newName);
                setNewName('');
              }
            )
          }
        >
          {trans.__('Create group')}
        </button>
      </div>
      {error && (
        <p role="alert" className="jp-Catalyst-admin-error">
          {error}
        </p>
      )}
      <p role="status" className="jp-Catalyst-admin-status">
        {status}
      </p>
      {groups && !groups.length && (
        <p className="jp-Catalyst-admin-empty">
          {search
            ? trans.__('No group name contains “%1”.', search)
            : trans.__('This hub has no groups yet. Create one above.')}
        </p>
      )}
      {groups && groups.length > 0 && (
        <table className="jp-Catalyst-admin-table">
          <thead>
            <tr>
              <th>{trans.__('Group')}</th>
              <th>{trans.__('Members')}</th>
              <th>{trans.__('Actions')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(group => (
              <React.Fragment key={group.name}>
                <tr
                  className="jp-Catalyst-admin-group-row"
                  data-group={group.name}
                >
                  <td>
                    {group.name}
                    {group.managed && (
                      <span
                        className="jp-Catalyst-admin-badge"
                        title={group.managed}
                      >
                        {trans.__('managed by login')}
                      </span>
                    )}
                    {group.grantsRole && (
                      <span
                        className="jp-Catalyst-admin-badge"
                        title={roleGroupNote(trans, group.grantsRole)}
                      >
                        {roleName(trans, group.grantsRole)}
                      </span>
                    )}
                  </td>
                  <td>{group.memberCount}</td>
                  <td className="jp-Catalyst-admin-actions">
                    <button
                      className="jp-mod-styled"
                      aria-expanded={open === group.name}
                      onClick={() =>
                        setOpen(open === group.name ? '' : group.name)
                      }
                    >
                      {group.managed ? trans.__('View') : trans.__('Edit')}
                    </button>
                    {!group.managed && !group.grantsRole && (
                      <button
                        className="jp-mod-styled jp-mod-warn"
                        onClick={() => void remove(group)}
                      >
                        {trans.__('Delete')}
                      </button>
                    )}
                  </td>
                </tr>
                {open === group.name && (
                  <tr>
                    <td colSpan={3}>
                      <GroupEditor {...props} group={group} act={act} />
                    </td>
                  </tr>
                )}
              </React.Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The translated name of the role a group gives. */
function roleName(
  trans: TranslationBundle,
  role: NonNullable<IGroup['grantsRole']>
): string {
  switch (role) {
    case 'hub-champion':
      return trans.__('gives the Hub Champion role');
    case 'community-champion':
      return trans.__('gives the Community Champion role');
    case 'core-team':
      return trans.__('gives the Core Team role');
  }
}

/** Why a group that gives a role has no Delete button. */
function roleGroupNote(
  trans: TranslationBundle,
  role: NonNullable<IGroup['grantsRole']>
): string {
  return role === 'hub-champion'
    ? trans.__(
        'Members of this group are the hub’s Hub Champions; deleting it would lock them out of this console, so it cannot be deleted here.'
      )
    : trans.__(
        'Deleting this group would take its role from all its members, so it cannot be deleted here; its members can still be changed.'
      );
}

/** Members and properties of one group; read-only with the reason when the login system manages it. */
function GroupEditor(
  props: IGroupsViewProps & {
    group: IGroup;
    act: (done: string, work: () => Promise<unknown>) => Promise<void>;
  }
): JSX.Element {
  const { api, trans, group, act } = props;
  const [names, setNames] = React.useState('');
  const readOnly = group.managed !== null;
  const toAdd = names
    .split(/[\s,;]+/)
    .map(n => n.trim())
    .filter(Boolean);
  return (
    <div className="jp-Catalyst-admin-group-editor" role="group">
      {readOnly && (
        <p className="jp-Catalyst-admin-note">
          {trans.__(
            'This group is managed by the hub’s login system (%1): changes made here would be undone at the members’ next login, so it is read-only.',
            group.managed ?? ''
          )}
        </p>
      )}
      {group.grantsRole && (
        <p className="jp-Catalyst-admin-note">
          {roleGroupNote(trans, group.grantsRole)}
        </p>
      )}
      <h3>{trans.__('Members')}</h3>
      {group.users.length ? (
        <ul className="jp-Catalyst-admin-members">
          {group.users.map(user => (
            <li key={user}>
              {user}
              {!readOnly && (
                <button
                  className="jp-mod-styled"
                  aria-label={trans.__('Remove %1 from %2', user, group.name)}
                  onClick={() =>
                    void act(
                      trans.__('%1 was removed from %2.', user, group.name),
                      () => api.removeMembers(group.name, [user])
                    )
                  }
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="jp-Catalyst-admin-empty">{trans.__('No members yet.')}</p>
      )}
      {!readOnly && (
        <div className="jp-Catalyst-admin-filters">
          <label>
            {trans.__('Add members (names separated by spaces or commas)')}
            <input
              className="jp-Catalyst-admin-group-add"
              value={names}
              onChange={e => setNames(e.target.value)}
            />
          </label>
          <button
            className="jp-mod-styled"
            disabled={!toAdd.length}
            onClick={() =>
              void act(
                trans._n(
                  '%1 member added to %2.',
                  '%1 members added to %2.',
                  toAdd.length,
                  group.name
                ),
                async () => {
                  await api.addMembers(group.name, toAdd);
                  setNames('');
                }
              )
            }
          >
            {trans.__('Add')}
          </button>
        </div>
      )}
      {props.canEditProperties && (
        <GroupProperties
          api={api}
          trans={trans}
          group={group}
          readOnly={readOnly}
          act={act}
        />
      )}
    </div>
  );
}
