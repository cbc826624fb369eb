/** The console's content: tabs for users, groups and the audit log, mounted into the sidebar shell on first open. */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { AdminApi } from '../api/admin';
import { AuditView } from './AuditView';
import { GroupsView } from './GroupsView';
import { HubTotals } from './HubTotals';
import { AdminConsoleModel } from './model';
import { UsersView, type IViewProps } from './UsersView';

/** The console widget: owns the users table's model. */
export class AdminConsoleWidget extends ReactWidget {
  constructor(options: AdminConsoleWidget.IOptions) {
    super();
    this.addClass('jp-Catalyst-admin');
    this._options = options;
    this.model = new AdminConsoleModel(options.api);
    void this.model.loadInfo();
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

type Tab = 'users' | 'groups' | 'audit';

/** The whole console for one snapshot of the model. */
export function AdminConsoleView(props: IViewProps): JSX.Element {
  const { trans, model } = props;
  const [tab, setTab] = React.useState<Tab>('users');
  const tabs: [Tab, string][] = [
    ['users', trans.__('Users')],
    ['groups', trans.__('Groups')],
    ['audit', trans.__('Audit log')]
  ];
  const onKeyDown = (event: React.KeyboardEvent) => {
    // Arrow keys move between tabs, as in any tab list.
    const index = tabs.findIndex(([id]) => id === tab);
    const step =
      event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step) {
      const next = tabs[(index + step + tabs.length) % tabs.length];
      if (next) {
        setTab(next[0]);
        const buttons = (
          event.currentTarget as HTMLElement
        ).querySelectorAll<HTMLButtonElement>('[role="tab"]');
        buttons[(index + step + tabs.length) % tabs.length]?.focus();
      }
    }
  };
  return (
    <div className="jp-Catalyst-admin-content">
      <h2 className="jp-Catalyst-title">{trans.__('Hub admin')}</h2>
      <HubInfoLine model={model} trans={trans} />
      <HubTotals api={model.api} trans={trans} />
      <div
        role="tablist"
        aria-label={trans.__('Hub admin sections')}
        className="jp-Catalyst-admin-tabs"
        onKeyDown={onKeyDown}
      >
        {tabs.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            id={`jp-Catalyst-admin-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={
              tab === id ? `jp-Catalyst-admin-panel-${id}` : undefined
            }
            tabIndex={tab === id ? 0 : -1}
            className="jp-Catalyst-admin-tab"
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`jp-Catalyst-admin-panel-${tab}`}
        aria-labelledby={`jp-Catalyst-admin-tab-${tab}`}
      >
        {tab === 'users' && <UsersView {...props} />}
        {tab === 'groups' && (
          <GroupsView
            api={model.api}
            trans={trans}
            canEditProperties={model.info?.features.groupProperties ?? false}
          />
        )}
        {tab === 'audit' && <AuditView api={model.api} trans={trans} />}
      </div>
    </div>
  );
}

/** How people log in on this hub, from GET info. */
function HubInfoLine(props: {
  model: AdminConsoleModel;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { model, trans } = props;
  const info = model.info;
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
