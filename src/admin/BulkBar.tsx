/** Bulk actions on the selection or on every user matching the filters, with progress and a summary. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { TypedConfirm } from './dialogs';
import type { BulkAction, BulkTarget } from './model';
import { isFiltered } from './model';
import type { IViewProps } from './UsersView';

/** A chosen action waiting for its confirmation, with the users it applies to. */
interface IPending {
  action: BulkAction;
  names: string[];
  total: number;
}

function actionLabel(action: BulkAction, trans: TranslationBundle): string {
  switch (action) {
    case 'start':
      return trans.__('Start servers');
    case 'stop':
      return trans.__('Stop servers');
    case 'restart':
      return trans.__('Restart servers');
    case 'add-to-group':
      return trans.__('Add to group');
    case 'remove-from-group':
      return trans.__('Remove from group');
    default:
      return trans.__('Delete users');
  }
}

/** The bulk bar: choose whom, choose what, confirm, then watch it run. */
export function BulkBar(props: IViewProps): JSX.Element | null {
  const { model, trans, me } = props;
  const [group, setGroup] = React.useState('');
  const [target, setTarget] = React.useState<BulkTarget>('selection');
  const [pending, setPending] = React.useState<IPending | null>(null);
  const [error, setError] = React.useState('');
  const bulk = model.bulk;
  const count = model.selected.size;
  const total = model.page?.total ?? 0;
  const filtered = isFiltered(model.query);
  if (!count && !bulk && !filtered) {
    return null;
  }
  const whom = count ? target : 'matching';
  const choose = async (action: BulkAction) => {
    setError('');
    try {
      const users = await model.bulkUsers(whom);
      setPending({ action, ...users });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const run = (p: IPending) => {
    setPending(null);
    void model.runBulk(p.action, group, p.names, me);
  };
  const needsGroup = (a: BulkAction) =>
    a === 'add-to-group' || a === 'remove-from-group';
  const busy = !!bulk?.running;
  const failed = bulk ? bulk.results.filter(r => !r.ok) : [];
  return (
    <div className="jp-Catalyst-admin-bulk">
      <div className="jp-Catalyst-admin-bulk-actions">
        {count > 0 && filtered ? (
          <label>
            {trans.__('Apply to')}
            <select
              value={target}
              onChange={e => setTarget(e.target.value as BulkTarget)}
            >
              <option value="selection">
                {trans._n('%1 selected', '%1 selected', count)}
              </option>
              <option value="matching">
                {trans._n(
                  'all %1 matching the filters',
                  'all %1 matching the filters',
                  total
                )}
              </option>
            </select>
          </label>
        ) : (
          <span className="jp-Catalyst-admin-bulk-whom">
            {count > 0
              ? trans._n('%1 selected', '%1 selected', count)
              : trans._n(
                  'All %1 matching the filters',
                  'All %1 matching the filters',
                  total
                )}
          </span>
        )}
        {(['start', 'stop', 'restart'] as BulkAction[]).map(action => (
          <button
            key={action}
            className="jp-mod-styled"
            disabled={busy || !!pending}
            onClick={() => void choose(action)}
          >
            {actionLabel(action, trans)}
          </button>
        ))}
        <input
          aria-label={trans.__('Group for the bulk action')}
          placeholder={trans.__('Group')}
          value={group}
          onChange={e => setGroup(e.target.value.trim())}
        />
        {(['add-to-group', 'remove-from-group'] as BulkAction[]).map(action => (
          <button
            key={action}
            className="jp-mod-styled"
            disabled={busy || !!pending || !group}
            onClick={() => void choose(action)}
          >
            {actionLabel(action, trans)}
          </button>
        ))}
        <button
          className="jp-mod-styled jp-mod-warn"
          disabled={busy || !!pending}
          onClick={() => void choose('delete')}
        >
          {actionLabel('delete', trans)}
        </button>
      </div>
      {error && (
        <p role="alert" className="jp-Catalyst-admin-error">
          {error}
        </p>
      )}
      {pending && pending.action === 'delete' && (
        <TypedConfirm
          trans={trans}
          message={trans.__(
            'Delete %1 users from the hub? Their servers are stopped; their files are kept. Admins and you are skipped by the service. Type the number of users to confirm.',
            pending.names.length
          )}
          expected={String(pending.names.length)}
          inputLabel={trans.__('Type the number of users to confirm')}
          confirmLabel={trans.__('Delete users')}
          onCancel={() => setPending(null)}
          onConfirm={() => run(pending)}
        />
      )}
      {pending && pending.action !== 'delete' && (
        <div className="jp-Catalyst-admin-confirm" role="group">
          <p>
            {needsGroup(pending.action)
              ? trans.__(
                  '%1 for %2 users, group %3?',
                  actionLabel(pending.action, trans),
                  pending.names.length,
                  group
                )
              : trans.__(
                  '%1 for %2 users?',
                  actionLabel(pending.action, trans),
                  pending.names.length
                )}
            {pending.total > pending.names.length &&
              ' ' +
                trans.__(
                  'Only the first %1 of %2 are included; run it again for the rest.',
                  pending.names.length,
                  pending.total
                )}
          </p>
          <button className="jp-mod-styled" onClick={() => setPending(null)}>
            {trans.__('Cancel')}
          </button>
          <button
            className="jp-mod-styled jp-mod-accept"
            disabled={!pending.names.length}
            onClick={() => run(pending)}
            autoFocus
          >
            {trans.__('Go ahead')}
          </button>
        </div>
      )}
      {bulk && progressView()}
    </div>
  );

  function progressView(): JSX.Element | null {
    if (!bulk) {
      return null;
    }
    return (
      <div className="jp-Catalyst-admin-progress" aria-live="polite">
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
        <ul
          className="jp-Catalyst-admin-results"
          tabIndex={0}
          aria-label={trans.__('Results per user')}
        >
          {bulk.results.map(r => (
            <li key={r.user} data-ok={r.ok}>
              {r.ok
                ? trans.__('%1: done', r.user)
                : trans.__('%1: failed (%2)', r.user, r.message)}
            </li>
          ))}
        </ul>
        {bulk.running && !bulk.cancelled && (
          <button className="jp-mod-styled" onClick={() => model.cancelBulk()}>
            {trans.__('Cancel')}
          </button>
        )}
        {!bulk.running && (
          <button className="jp-mod-styled" onClick={() => model.clearBulk()}>
            {trans.__('Dismiss')}
          </button>
        )}
      </div>
    );
  }
}
