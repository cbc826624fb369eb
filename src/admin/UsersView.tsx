/** The users tab: filters, add users, bulk bar, the table and paging. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { AddUsersForm } from './AddUsersForm';
import { BulkBar } from './BulkBar';
import { isFiltered, type AdminConsoleModel } from './model';
import { UsersTable } from './UsersTable';
import { UsersToolbar } from './UsersToolbar';

/** Props shared by the console's views. */
export interface IViewProps {
  model: AdminConsoleModel;
  trans: TranslationBundle;
  /** The signed-in champion's name. */
  me: string;
}

/** The users table with filters, paging, row actions and bulk actions. */
export function UsersView(props: IViewProps): JSX.Element {
  const { model, trans } = props;
  const { query, page } = model;
  const [busy, setBusy] = React.useState('');
  const [message, setMessage] = React.useState('');
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

  const total = page?.total ?? 0;
  const first = total ? query.offset + 1 : 0;
  const last = Math.min(query.offset + query.limit, total);
  const items = page?.items ?? [];

  return (
    <div className="jp-Catalyst-admin-users">
      <UsersToolbar {...props} onAddUsers={() => setAdding(!adding)} />
      {adding && (
        <AddUsersForm
          model={model}
          trans={trans}
          onClose={() => setAdding(false)}
        />
      )}
      <BulkBar {...props} />
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
          {isFiltered(query)
            ? trans.__(
                'No user matches these filters. Clear the filters to see everyone.'
              )
            : trans.__(
                'This hub has no users yet. Use “Add users” to add some.'
              )}
        </p>
      )}
      {items.length > 0 && <UsersTable {...props} busy={busy} act={act} />}
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
