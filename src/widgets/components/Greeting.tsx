import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IMe } from '../../api/types';

/** Greets the signed-in user and names their hub. */
export function Greeting(props: Greeting.IProps): JSX.Element {
  const { me, trans } = props;
  return (
    <div className="jp-Catalyst-identity">
      <p className="jp-Catalyst-greeting">{trans.__('Hello, %1', me.name)}</p>
      <p className="jp-Catalyst-hub">
        {trans.__('Hub: %1', me.hub.name || me.hub.id)}
      </p>
    </div>
  );
}

/** The static namespace of Greeting. */
export namespace Greeting {
  /** Props of Greeting. */
  export interface IProps {
    me: IMe;
    trans: TranslationBundle;
  }
}
