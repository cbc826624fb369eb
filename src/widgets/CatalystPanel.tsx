import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import * as React from 'react';

import { catalystIcon } from '../icons';
import type { ICatalystModel } from '../tokens';
import { Greeting } from './components/Greeting';
import { RoleList } from './components/RoleList';
import { ServiceStatus } from './components/ServiceStatus';
import { Upcoming } from './components/Upcoming';

/** The Catalyst side panel: a Lumino shell that re-renders its view when the model changes. */
export class CatalystPanel extends ReactWidget {
  /** Create the panel for a model. */
  constructor(options: CatalystPanel.IOptions) {
    super();
    this._model = options.model;
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

  /** Render the view; UseSignal re-renders it on every model change. */
  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._model.changed}>
        {() => <CatalystView model={this._model} trans={this._trans} />}
      </UseSignal>
    );
  }

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
  }
}

/** The panel's content for one snapshot of the model. */
export function CatalystView(props: CatalystView.IProps): JSX.Element {
  const { model, trans } = props;
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
      <Upcoming trans={trans} />
    </div>
  );
}

/** The static namespace of CatalystView. */
export namespace CatalystView {
  /** Props of CatalystView. */
  export interface IProps {
    model: ICatalystModel;
    trans: TranslationBundle;
  }
}
