import type { TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import { Panel } from '@lumino/widgets';

import type { ICatalystClient } from '../tokens';

/** The sidebar tab of the admin console; its content is imported the first time it is shown. */
export class AdminConsoleShell extends Panel {
  constructor(options: AdminConsoleShell.IOptions) {
    super();
    this._options = options;
    this.id = AdminConsoleShell.ID;
    this.addClass('jp-Catalyst-admin-shell');
    const trans = options.trans;
    this.title.caption = trans.__('Hub admin');
  }

  /** Resolves once the console's content is mounted. */
  get ready(): Promise<void> {
    return this._ready ?? Promise.resolve();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._ready ??= this._mount();
  }

  private async _mount(): Promise<void> {
    const { client, trans, me } = this._options;
    const [{ AdminApi }, { AdminConsoleWidget }] = await Promise.all([
      import('../api/admin'),
      import('./AdminConsole')
    ]);
    this.addWidget(
      new AdminConsoleWidget({ api: new AdminApi(client), trans, me })
    );
  }

  private _options: AdminConsoleShell.IOptions;
  private _ready: Promise<void> | null = null;
}

/** The static namespace of AdminConsoleShell. */
export namespace AdminConsoleShell {
  /** The widget id, stable for the layout restorer and UI tests. */
  export const ID = 'jupyterlab-catalyst-admin';

  /** Construction options. */
  export interface IOptions {
    client: ICatalystClient;
    trans: TranslationBundle;
    /** The signed-in champion's name. */
    me: string;
  }
}

/** Whether the console may show: a Hub Champion on their own server. */
export function mayShowConsole(
  roles: readonly string[] | undefined,
  hubUser: string,
  hubServerUser: string
): boolean {
  if (!roles?.includes('hub-champion')) {
    return false;
  }
  // A champion visiting someone else's server must not carry the console there.
  return !hubServerUser || !hubUser || hubUser === hubServerUser;
}
