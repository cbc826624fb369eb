import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import { ITranslator } from '@jupyterlab/translation';
import { usersIcon } from '@jupyterlab/ui-components';

import { CommandIDs } from '../commands';
import { ICatalystClient, ICatalystModel } from '../tokens';
import { AdminConsoleShell, mayShowConsole } from '../admin/shell';

/** Adds the Hub admin sidebar panel for Hub Champions on their own server. */
export const adminConsolePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-catalyst:admin-console',
  description:
    'Adds the Hub admin console (users, servers, groups, audit log) to the left sidebar for holders of the hub-champion role.',
  autoStart: true,
  requires: [ICatalystClient, ICatalystModel, ITranslator],
  activate: activateAdminConsole
};

function activateAdminConsole(
  app: JupyterFrontEnd,
  client: ICatalystClient,
  model: ICatalystModel,
  translator: ITranslator
): void {
  const trans = translator.load('jupyterlab_catalyst');
  const hubUser = PageConfig.getOption('hubUser');
  const hubServerUser = PageConfig.getOption('hubServerUser');
  let shell: AdminConsoleShell | null = null;

  const sync = (): void => {
    const me = model.me;
    const show = mayShowConsole(me?.roles, hubUser, hubServerUser);
    if (show && me && !shell) {
      shell = new AdminConsoleShell({ client, trans, me: me.name });
      shell.title.icon = usersIcon;
      app.shell.add(shell, 'left', { rank: 310, type: 'Catalyst admin' });
    } else if (!show && shell) {
      shell.dispose();
      shell = null;
    }
  };
  model.changed.connect(sync);
  sync();

  app.commands.addCommand(CommandIDs.openAdminConsole, {
    label: trans.__('Open Hub Admin Console'),
    caption: trans.__("Manage this hub's users, servers and groups"),
    describedBy: { args: { type: 'object', properties: {} } },
    isVisible: () => shell !== null,
    execute: () => {
      if (shell) {
        app.shell.activateById(shell.id);
      }
    }
  });
}
