import {
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ITranslator } from '@jupyterlab/translation';

import { CommandIDs } from '../commands';
import { CatalystModel } from '../models/catalystModel';
import { ICatalystClient, ICatalystModel } from '../tokens';
// eslint-disable-next-line jupyter/prefer-lazy-imports -- the panel's tab joins the shell at start
import { CatalystPanel } from '../widgets/CatalystPanel';

/** Commands here take no arguments. */
const NO_ARGS = { args: { type: 'object' as const, properties: {} } };

/** Adds the Catalyst side panel and provides the session model the panels share. */
export const panelPlugin: JupyterFrontEndPlugin<ICatalystModel> = {
  id: 'jupyterlab-catalyst:panel',
  description:
    'Adds the Catalyst side panel (greeting, roles, hub, service status) and provides the Catalyst session model.',
  autoStart: true,
  requires: [ICatalystClient, ITranslator],
  optional: [ILayoutRestorer, ICommandPalette],
  provides: ICatalystModel,
  activate: activatePanel
};

/** Build the model and panel, register the commands and open the first session. */
function activatePanel(
  app: JupyterFrontEnd,
  client: ICatalystClient,
  translator: ITranslator,
  restorer: ILayoutRestorer | null,
  palette: ICommandPalette | null
): ICatalystModel {
  const trans = translator.load('jupyterlab_catalyst');
  const model = new CatalystModel({ client });
  const panel = new CatalystPanel({
    model,
    translator,
    commands: app.commands
  });

  // Rank chosen so the panel sits right after the file browser (100) and running tabs (200).
  app.shell.add(panel, 'left', { rank: 300, type: 'Catalyst' });
  restorer?.add(panel, CatalystPanel.ID);

  app.commands.addCommand(CommandIDs.openPanel, {
    label: trans.__('Open Catalyst Panel'),
    caption: trans.__('Show your Catalyst profile and the service status'),
    describedBy: NO_ARGS,
    execute: () => {
      app.shell.activateById(CatalystPanel.ID);
    }
  });
  app.commands.addCommand(CommandIDs.retryConnection, {
    label: trans.__('Retry Catalyst Connection'),
    caption: trans.__('Open a fresh session with the Catalyst service'),
    describedBy: NO_ARGS,
    execute: () => model.refresh()
  });
  const category = trans.__('Catalyst');
  palette?.addItem({ command: CommandIDs.openPanel, category });
  palette?.addItem({ command: CommandIDs.retryConnection, category });

  // After JupyterLab has restored its layout: our session and /me requests stay off its start-up path.
  void app.restored.then(() => model.refresh());
  return model;
}
