/** The users table's search, filters and sort. */
import * as React from 'react';

import type { IUserFilters, UserSort, UserState } from '../api/admin';
import { isFiltered } from './model';
import type { IViewProps } from './UsersView';

/** The filters a champion clears in one click. */
const NO_FILTERS: IUserFilters = {
  nameFilter: '',
  state: '',
  admin: '',
  group: '',
  neverLoggedIn: false,
  inactiveDays: 0
};

/** Search, server state, admin, group, never logged in, inactive for N days, and sort. */
export function UsersToolbar(
  props: IViewProps & { onAddUsers: () => void }
): JSX.Element {
  const { model, trans } = props;
  const { query } = model;
  const canSort = model.info?.features.sort ?? true;
  const [groups, setGroups] = React.useState<string[]>([]);
  // Read again with each page: a group made by "Add users" or the groups tab appears at once.
  React.useEffect(() => {
    model.api.listGroups().then(
      answer => setGroups(answer.items.map(g => g.name)),
      () => setGroups([])
    );
  }, [model.api, model.page]);
  return (
    <div
      className="jp-Catalyst-admin-filters"
      role="search"
      aria-label={trans.__('Filter users')}
    >
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
          className="jp-Catalyst-admin-filter-state"
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
        {trans.__('Admins')}
        <select
          className="jp-Catalyst-admin-filter-admin"
          value={query.admin}
          onChange={e =>
            void model.setQuery({
              admin: e.target.value as IUserFilters['admin']
            })
          }
        >
          <option value="">{trans.__('Admins and others')}</option>
          <option value="yes">{trans.__('Only admins')}</option>
          <option value="no">{trans.__('No admins')}</option>
        </select>
      </label>
      <label>
        {trans.__('Group')}
        <select
          className="jp-Catalyst-admin-filter-group"
          value={query.group}
          onChange={e => void model.setQuery({ group: e.target.value })}
        >
          <option value="">{trans.__('Any group')}</option>
          {groups.map(g => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <label className="jp-Catalyst-admin-check">
        <input
          type="checkbox"
          className="jp-Catalyst-admin-filter-never"
          checked={query.neverLoggedIn}
          onChange={e =>
            void model.setQuery({ neverLoggedIn: e.target.checked })
          }
        />
        {trans.__('Never logged in')}
      </label>
      <label>
        {trans.__('Inactive for at least (days)')}
        <input
          type="number"
          min={0}
          max={3650}
          className="jp-Catalyst-admin-filter-inactive"
          value={query.inactiveDays || ''}
          placeholder="0"
          onChange={e => {
            const days = Math.max(
              0,
              Math.min(3650, Math.floor(Number(e.target.value) || 0))
            );
            void model.setQuery({ inactiveDays: days });
          }}
        />
      </label>
      {canSort && (
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
      )}
      {isFiltered(query) && (
        <button
          className="jp-mod-styled"
          onClick={() => void model.setQuery(NO_FILTERS)}
        >
          {trans.__('Clear filters')}
        </button>
      )}
      <button className="jp-mod-styled" onClick={props.onAddUsers}>
        {trans.__('Add users')}
      </button>
    </div>
  );
}
