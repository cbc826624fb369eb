/**
 * A service the hub started stops when that hub is gone.
 *
 * JupyterHub starts a managed service in its own session, so a hub that crashes or gives up at start
 * leaves the service running: it keeps the port, and the next hub's service then fails to listen
 * there and takes that hub down too. A process whose parent dies is re-parented, so a changed parent
 * pid means the hub is gone.
 */
import { readFileSync } from 'node:fs';

/** True when this process was started by a JupyterHub (its parent's command line names it). */
export function startedByHub(
  env: NodeJS.ProcessEnv = process.env,
  ppid = process.ppid
): boolean {
  if (!env.JUPYTERHUB_SERVICE_NAME) return false;
  try {
    return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes('jupyterhub');
  } catch {
    return false; // no /proc (not Linux): never guess.
  }
}

/** Calls `onGone` once when the parent process is replaced; the check never keeps the process alive. */
export function watchParent(onGone: () => void, everyMs = 2000): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
