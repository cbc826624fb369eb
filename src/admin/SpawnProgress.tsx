/** A starting server's progress as the hub reports it: its event stream, else read again every second. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { AdminApi, ISpawnProgress } from '../api/admin';
import { takeProgressEvents } from './progressEvents';

/** How often a starting server's progress is read when its event stream is not available. */
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
    const abort = new AbortController();
    const poll = async () => {
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
        timer = setTimeout(() => void poll(), PROGRESS_POLL_MS);
      }
    };
    const follow = async () => {
      const chunks = api.spawnProgressStream(user, server, abort.signal);
      if (chunks) {
        let buffer = '';
        try {
          for await (const chunk of chunks) {
            const { events, rest } = takeProgressEvents(buffer + chunk);
            buffer = rest;
            for (const event of events) {
              if (stopped) {
                return;
              }
              setState(event);
              if (event.ready || event.failed) {
                return;
              }
            }
          }
        } catch {
          // Not opened, or cut (a proxy that buffers or drops streams): reading the latest event still works.
        }
      }
      if (!stopped) {
        void poll();
      }
    };
    void follow();
    return () => {
      stopped = true;
      abort.abort();
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
