/** A starting server's progress as the hub reports it, read again every second while it starts. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { AdminApi, ISpawnProgress } from '../api/admin';

/** How often a starting server's progress is read. */
const PROGRESS_POLL_MS = 1000;

/** A progress bar and the hub's latest message for one starting server. */
export function SpawnProgress(props: {
  api: AdminApi;
  user: string;
  server: string;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { api, user, server, trans } = props;
  const [state, setState] = React.useState<ISpawnProgress | null>(null);
  React.useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = async () => {
      try {
        const latest = await api.spawnProgress(user, server);
        if (stopped) {
          return;
        }
        setState(latest);
        if (latest.ready || latest.failed) {
          return;
        }
      } catch {
        // The row shows "pending" anyway; the next read may succeed.
      }
      if (!stopped) {
        timer = setTimeout(() => void read(), PROGRESS_POLL_MS);
      }
    };
    void read();
    return () => {
      stopped = true;
      if (timer !== null) {
        clearTimeout(timer);
      }
    };
  }, [api, user, server]);
  if (!state) {
    return null;
  }
  return (
    <div className="jp-Catalyst-admin-spawn" aria-live="polite">
      <progress
        max={100}
        value={state.progress}
        aria-label={trans.__('Start progress of %1', user)}
      />
      <span>{state.message}</span>
    </div>
  );
}
