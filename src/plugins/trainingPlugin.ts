import {
  ILayoutRestorer,
  type JupyterFrontEnd,
  type JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator } from '@jupyterlab/translation';
import { listIcon } from '@jupyterlab/ui-components';

import { CommandIDs } from '../commands';
import { ICatalystClient } from '../tokens';
import { LazyPanel } from '../widgets/LazyPanel';

/** The training panel's widget id, stable for the layout restorer and UI tests. */
const PANEL_ID = 'jupyterlab-catalyst-training';

/** Adds the training side panel; its code loads the first time the panel is shown. */
export const trainingPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-catalyst:training',
  description:
    'Adds the Catalyst training panel: guided, checked, bilingual tutorials with saved progress.',
  autoStart: true,
  requires: [ICatalystClient, ITranslator],
  optional: [ILayoutRestorer, ICommandPalette, ISettingRegistry],
  activate: activateTraining
};

function activateTraining(
  app: JupyterFrontEnd,
  client: ICatalystClient,
  translator: ITranslator,
  restorer: ILayoutRestorer | null,
  palette: ICommandPalette | null,
  settings: ISettingRegistry | null
): void {
  const trans = translator.load('jupyterlab_catalyst');
  const panel = new LazyPanel(async () => {
    const { createTraining } = await import('../training/createTraining');
    return createTraining({ app, client, translator, settings });
  });
  panel.id = PANEL_ID;
  panel.addClass('jp-Catalyst-panel');
  panel.title.icon = listIcon;
  panel.title.caption = trans.__('Catalyst Training');
  app.shell.add(panel, 'left', { rank: 310, type: 'Catalyst Training' });
  restorer?.add(panel, PANEL_ID);

  app.commands.addCommand(CommandIDs.openTraining, {
    label: trans.__('Open Catalyst Training'),
    caption: trans.__('Show the guided tutorials and your progress'),
    describedBy: { args: { type: 'object', properties: {} } },
    execute: () => {
      app.shell.activateById(PANEL_ID);
    }
  });
  palette?.addItem({
    command: CommandIDs.openTraining,
    category: trans.__('Catalyst')
  });
}
