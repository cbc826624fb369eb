import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { adminConsolePlugin } from './plugins/adminConsolePlugin';
import { clientPlugin } from './plugins/clientPlugin';
import { feedbackPlugin } from './plugins/feedbackPlugin';
import { panelPlugin } from './plugins/panelPlugin';
import { partnershipsPlugin } from './plugins/partnershipsPlugin';
import { trainingPlugin } from './plugins/trainingPlugin';

export { ApiError } from './api/errors';
export type { ConnectionState, IMe, Role } from './api/types';
export { CommandIDs } from './commands';
export { ICatalystClient, ICatalystModel } from './tokens';

/** The plugins of the Catalyst extension. */
const plugins: JupyterFrontEndPlugin<unknown>[] = [
  clientPlugin,
  panelPlugin,
  partnershipsPlugin,
  adminConsolePlugin,
  trainingPlugin,
  feedbackPlugin
];

export default plugins;
