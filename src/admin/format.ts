/** Small text helpers shared by the console's views. */
import { Time } from '@jupyterlab/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';

import type { IAdminServer, ITrainingSummary } from '../api/admin';

/** A human "3 minutes ago", or "never". */
export function relative(
  value: string | null,
  trans: TranslationBundle
): string {
  return value ? Time.formatHuman(value) : trans.__('never');
}

/** A server's state in words. */
export function serverLabel(
  server: IAdminServer,
  trans: TranslationBundle
): string {
  if (server.pending) {
    return trans.__('pending (%1)', server.pending);
  }
  return server.ready ? trans.__('running') : trans.__('stopped');
}

/** A user's training progress in words, or a dash when there is none. */
export function trainingLabel(
  training: ITrainingSummary | null,
  trans: TranslationBundle
): string {
  if (!training) {
    return '—';
  }
  return trans._n('%1 step passed', '%1 steps passed', training.passedSteps);
}
