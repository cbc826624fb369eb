/** Entry of the lazily loaded training chunk: builds the model, its environment and the view. */
import type { JupyterFrontEnd } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type { ITranslator } from '@jupyterlab/translation';

import type { ICatalystClient } from '../tokens';
import { LabEnvironment } from './environment';
import { createHighlighter } from './highlight';
import { TrainingModel } from './model';
import { SHIPPED_TUTORIALS } from './shippedTutorials';
import { TrainingView } from './TrainingPanel';

/** What the plugin hands over. */
export interface ICreateTrainingOptions {
  app: JupyterFrontEnd;
  client: ICatalystClient;
  translator: ITranslator;
  settings: ISettingRegistry | null;
}

/** Builds the training view and starts loading its catalogue and progress. */
export function createTraining(options: ICreateTrainingOptions): TrainingView {
  const { app, client, translator, settings } = options;
  const environment = new LabEnvironment(app, settings, client);
  const model = new TrainingModel({
    client,
    environment,
    store: window.localStorage,
    user: PageConfig.getOption('hubUser') || client.user?.name || 'local',
    uiLanguage: translator.languageCode || 'en',
    bundled: SHIPPED_TUTORIALS,
    runCommand: (id, args) =>
      app.commands.execute(id, args as ReadonlyPartialJSONObject),
    highlight: createHighlighter(app)
  });
  const view = new TrainingView({ model, translator });
  view.disposed.connect(() => {
    model.dispose();
    environment.dispose();
  });
  // A page that was offline sends what waits once the service answers again.
  client.stateChanged.connect((_, state) => {
    if (state === 'connected') {
      void model.reconnect();
    }
  }, view);
  void model.load();
  return view;
}
