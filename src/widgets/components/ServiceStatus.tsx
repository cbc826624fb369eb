import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { ConnectionState } from '../../api/types';
import { statusHint, statusLabel } from '../labels';

/** States in which trying again can help. */
const RETRYABLE: ReadonlySet<ConnectionState> = new Set([
  'offline',
  'unreachable',
  'unauthorized'
]);

/** The service connection state, announced politely, with a Retry button when useful. */
export function ServiceStatus(props: ServiceStatus.IProps): JSX.Element {
  const { state, lastError, onRetry, trans } = props;
  const hint = statusHint(state, trans);
  return (
    <section
      className="jp-Catalyst-section"
      aria-labelledby="jp-Catalyst-status-heading"
    >
      <h3 id="jp-Catalyst-status-heading" className="jp-Catalyst-sectionTitle">
        {trans.__('Service')}
      </h3>
      <div
        className="jp-Catalyst-status"
        data-state={state}
        role="status"
        aria-live="polite"
      >
        <span className="jp-Catalyst-statusDot" aria-hidden="true" />
        <span className="jp-Catalyst-statusText">
          {statusLabel(state, trans)}
        </span>
        {hint && <p className="jp-Catalyst-statusHint">{hint}</p>}
        {lastError && (
          <p className="jp-Catalyst-statusDetail">
            {trans.__('Details: %1', lastError)}
          </p>
        )}
      </div>
      {RETRYABLE.has(state) && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-Catalyst-retry"
          onClick={onRetry}
        >
          {trans.__('Retry')}
        </button>
      )}
    </section>
  );
}

/** The static namespace of ServiceStatus. */
export namespace ServiceStatus {
  /** Props of ServiceStatus. */
  export interface IProps {
    state: ConnectionState;
    lastError: string;
    onRetry: () => void;
    trans: TranslationBundle;
  }
}
