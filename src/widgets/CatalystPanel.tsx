import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import * as React from 'react';

import { CommandIDs } from '../commands';
import { catalystIcon } from '../icons';
import type { ICatalystModel } from '../tokens';
import { Greeting } from './components/Greeting';
import { RoleList } from './components/RoleList';
import { ServiceStatus } from './components/ServiceStatus';
import { type ITool, Tools } from './components/Tools';

/** The Catalyst side panel: a Lumino shell that re-renders its view when the model changes. */
export class CatalystPanel extends ReactWidget {
  /** Create the panel for a model. */
  constructor(options: CatalystPanel.IOptions) {
    super();
    this._model = options.model;
    this._commands = options.commands ?? null;
    this._trans = options.translator.load('jupyterlab_catalyst');
    const trans = this._trans;
    this.id = CatalystPanel.ID;
    this.addClass('jp-Catalyst-panel');
    this.title.icon = catalystIcon;
    this.title.caption = trans.__('Catalyst');
  }

  /** The model the panel shows. */
  get model(): ICatalystModel {
    return this._model;
  }

  /** Render the view; it re-renders on every model change and when commands come or change. */
  protected render(): JSX.Element {
    const commands = this._commands;
    const view = () => (
      <CatalystView
        model={this._model}
        trans={this._trans}
        tools={commands ? availableTools(commands) : []}
        onOpen={id => void commands?.execute(id)}
      />
    );
    return (
      <UseSignal signal={this._model.changed}>
        {() =>
          commands ? (
            <UseSignal signal={commands.commandChanged}>{view}</UseSignal>
          ) : (
            view()
          )
        }
      </UseSignal>
    );
  }

  private _commands: CommandRegistry | null;
  private _model: ICatalystModel;
  private _trans: TranslationBundle;
}

/** The static namespace of CatalystPanel. */
export namespace CatalystPanel {
  /** The widget id, stable for the layout restorer and UI tests. */
  export const ID = 'jupyterlab-catalyst-panel';

  /** Construction options. */
  export interface IOptions {
    model: ICatalystModel;
    translator: ITranslator;
    /** The application's commands, to offer the Catalyst tools this user may open. */
    commands?: CommandRegistry;
  }
}

/** The Catalyst tools in the order the panel lists them. */
const TOOL_COMMANDS = [
  CommandIDs.openTraining,
  CommandIDs.openAdminConsole,
  CommandIDs.openPartnerships,
  CommandIDs.openFeedback
];

/** The tools registered and visible to this user (each tool's command decides by role). */
export function availableTools(commands: CommandRegistry): ITool[] {
  return TOOL_COMMANDS.filter(
    id => commands.hasCommand(id) && commands.isVisible(id)
  ).map(id => ({
    id,
    label: commands.label(id),
    caption: commands.caption(id)
  }));
}

/** The panel's content for one snapshot of the model. */
export function CatalystView(props: CatalystView.IProps): JSX.Element {
  const { model, trans, tools = [], onOpen = () => undefined } = props;
  const me = model.me;
  const onRetry = (): void => {
    void model.refresh();
  };
  return (
    <div className="jp-Catalyst-content" aria-busy={model.loading}>
      <h2 className="jp-Catalyst-title">{trans.__('Catalyst')}</h2>
      {model.loading && (
        <p className="jp-Catalyst-loading">
          {trans.__('Loading your Catalyst profile…')}
        </p>
      )}
      {me && <Greeting me={me} trans={trans} />}
      {me && <RoleList roles={me.roles} trans={trans} />}
      <ServiceStatus
        state={model.state}
        lastError={model.lastError}
        onRetry={onRetry}
        trans={trans}
      />
      <Tools trans={trans} tools={tools} onOpen={onOpen} />
    </div>
  );
}

/** The static namespace of CatalystView. */
export namespace CatalystView {
  /** Props of CatalystView. */
  export interface IProps {
    model: ICatalystModel;
    trans: TranslationBundle;
    /** Tools the user may open; none by default. */
    tools?: ITool[];
    /** Opens a tool by command id. */
    onOpen?: (id: string) => void;
  }
}
