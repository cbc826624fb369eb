import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget } from '@jupyterlab/apputils';
import { ITranslator } from '@jupyterlab/translation';
import { tableRowsIcon } from '@jupyterlab/ui-components';

import { CommandIDs } from '../commands';
import { ICatalystClient, ICatalystModel } from '../tokens';

/** The partnerships widget's id, stable for UI tests. */
const WIDGET_ID = 'jupyterlab-catalyst-partnerships';

/** Adds the partnerships view (Core Team table, champion's card); its code loads when first opened. */
export const partnershipsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-catalyst:partnerships',
  description:
    'Adds the partnership terms view: the Core Team table of communities and the champions’ own community card.',
  autoStart: true,
  requires: [ICatalystClient, ICatalystModel, ITranslator],
  optional: [ICommandPalette],
  activate: activatePartnerships
};

function activatePartnerships(
  app: JupyterFrontEnd,
  client: ICatalystClient,
  model: ICatalystModel,
  translator: ITranslator,
  palette: ICommandPalette | null
): void {
  const trans = translator.load('jupyterlab_catalyst');
  let widget: MainAreaWidget | null = null;
  const allowed = () => (model.me?.roles ?? []).some(role => role !== 'member');

  app.commands.addCommand(CommandIDs.openPartnerships, {
    label: trans.__('Open Partnerships'),
    caption: trans.__(
      'Partnership terms, champions, responsibilities and training'
    ),
    describedBy: { args: { type: 'object', properties: {} } },
    isVisible: allowed,
    isEnabled: allowed,
    execute: async () => {
      if (!model.me) {
        await model.refresh();
      }
      if (!widget || widget.isDisposed) {
        const [{ PartnershipsApi }, { PartnershipsWidget }] = await Promise.all(
          [
            import('../api/partnerships'),
            import('../partnerships/PartnershipsView')
          ]
        );
        const content = new PartnershipsWidget({
          api: new PartnershipsApi(client),
          trans,
          roles: model.me?.roles ?? []
        });
        widget = new MainAreaWidget({ content });
        widget.id = WIDGET_ID;
        widget.title.label = trans.__('Partnerships');
        widget.title.icon = tableRowsIcon;
        widget.title.closable = true;
      }
      if (!widget.isAttached) {
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
    }
  });
  palette?.addItem({
    command: CommandIDs.openPartnerships,
    category: trans.__('Catalyst')
  });
}
