import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator } from '@jupyterlab/translation';
import { inspectorIcon } from '@jupyterlab/ui-components';

import { CommandIDs } from '../commands';
import {
  FeedbackStatusItem,
  outboxKey,
  queuedCount
} from '../feedback/FeedbackStatusItem';
import type { FeedbackSession } from '../feedback/createFeedback';
import { FeedbackNews } from '../feedback/news';
import { FeedbackNewsApi } from '../api/feedbackNews';
import { ICatalystClient, ICatalystModel } from '../tokens';

/** The feedback widget's id, stable for UI tests. */
const WIDGET_ID = 'jupyterlab-catalyst-feedback';

/** Adds governance feedback: a command, a status-bar entry and the widget, loaded when first opened. */
export const feedbackPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-catalyst:feedback',
  description:
    'Adds governance feedback: give input to the Catalyst Core Team, follow it, and (Core Team) triage it.',
  autoStart: true,
  requires: [ICatalystClient, ICatalystModel, ITranslator],
  optional: [ICommandPalette, IStatusBar],
  activate: activateFeedback
};

function activateFeedback(
  app: JupyterFrontEnd,
  client: ICatalystClient,
  model: ICatalystModel,
  translator: ITranslator,
  palette: ICommandPalette | null,
  statusBar: IStatusBar | null
): void {
  const trans = translator.load('jupyterlab_catalyst');
  const user = PageConfig.getOption('hubUser') || client.user?.name || 'local';
  const store = window.localStorage;
  let session: Promise<FeedbackSession> | null = null;
  let widget: MainAreaWidget | null = null;
  const news = new FeedbackNews({
    api: new FeedbackNewsApi(client),
    store,
    user
  });

  const item = new FeedbackStatusItem({
    label: trans.__('Feedback'),
    caption: trans.__('Send feedback to the Catalyst Core Team'),
    queuedLabel: n =>
      trans._n('Feedback: %1 waiting', 'Feedback: %1 waiting', n, n),
    count: () => queuedCount(store, user),
    news: () => news.count,
    newsLabel: n =>
      trans._n('Feedback: %1 new response', 'Feedback: %1 new responses', n, n),
    onOpen: () => void app.commands.execute(CommandIDs.openFeedback)
  });

  const load = (): Promise<FeedbackSession> =>
    (session ??= import('../feedback/createFeedback').then(
      ({ FeedbackSession }) => {
        const started = new FeedbackSession({
          client,
          trans,
          locale: translator.languageCode || 'en',
          user,
          store,
          news
        });
        started.model.changed.connect(() => item.refresh());
        return started;
      }
    ));

  app.commands.addCommand(CommandIDs.openFeedback, {
    label: trans.__('Send Feedback to the Catalyst Core Team'),
    caption: trans.__(
      'Give input to the Catalyst Core Team and follow what became of it'
    ),
    describedBy: { args: { type: 'object', properties: {} } },
    execute: async () => {
      // The document in front of the person now is what the form offers as context.
      const current = app.shell.currentWidget;
      const feedback = await load();
      feedback.noteCurrent(current);
      if (!model.me) {
        await model.refresh();
      }
      if (!widget || widget.isDisposed) {
        widget = new MainAreaWidget({
          content: feedback.createWidget(model.me?.roles ?? ['member'])
        });
        widget.id = WIDGET_ID;
        widget.title.label = trans.__('Feedback');
        widget.title.icon = inspectorIcon;
        widget.title.closable = true;
      }
      if (!widget.isAttached) {
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
    }
  });
  palette?.addItem({
    command: CommandIDs.openFeedback,
    category: trans.__('Catalyst')
  });
  statusBar?.registerStatusItem('jupyterlab-catalyst:feedback', {
    item,
    align: 'left',
    rank: 1000
  });

  // Another tab of this browser queued or sent something.
  window.addEventListener('storage', event => {
    if (event.key === outboxKey(user)) {
      item.refresh();
    }
  });
  // Responses and decisions on my items: on start, on focus and every few minutes, nothing more.
  news.changed.connect(() => item.refresh());
  void app.restored.then(() => news.poll(window, document));

  // What an earlier page could not send goes out now, without waiting for the widget to open.
  if (queuedCount(store, user) > 0) {
    void load();
  }
}
