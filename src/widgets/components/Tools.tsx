import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/** One tool the user may open from the panel: a command the shell knows. */
export interface ITool {
  /** The command id. */
  id: string;
  /** The command's label. */
  label: string;
  /** What it opens. */
  caption: string;
}

/** The Catalyst tools this user may open (training, admin console, partnerships, feedback). */
export function Tools(props: Tools.IProps): JSX.Element {
  const { trans, tools, onOpen } = props;
  return (
    <section
      className="jp-Catalyst-section jp-Catalyst-tools"
      aria-labelledby="jp-Catalyst-tools-heading"
    >
      <h3 id="jp-Catalyst-tools-heading" className="jp-Catalyst-sectionTitle">
        {trans.__('Your tools')}
      </h3>
      <ul className="jp-Catalyst-toolList">
        {tools.map(tool => (
          <li key={tool.id}>
            <button
              type="button"
              className="jp-mod-styled jp-Catalyst-tool"
              data-command={tool.id}
              title={tool.caption}
              onClick={() => onOpen(tool.id)}
            >
              {tool.label}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The static namespace of Tools. */
export namespace Tools {
  /** Props of Tools. */
  export interface IProps {
    trans: TranslationBundle;
    tools: ITool[];
    onOpen: (id: string) => void;
  }
}
