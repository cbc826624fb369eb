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
  // The hub's pending actions are words of its own; the two a champion sees daily are said plainly.
  if (server.pending === 'spawn') {
    return trans.__('starting');
  }
  if (server.pending === 'stop') {
    return trans.__('stopping');
  }
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

/** The audit log's action codes (the service's), in the order the audit filter offers them. */
export const AUDIT_ACTIONS = [
  'user.create',
  'user.edit',
  'user.rename',
  'user.delete',
  'server.start',
  'server.stop',
  'server.restart',
  'server.restart-stop',
  'server.restart-start',
  'server.delete',
  'group.create',
  'group.add-members',
  'group.remove-members',
  'group.properties',
  'group.delete'
] as const;

/** An audit action in words; a code this version does not know stays as it is. */
export function auditActionLabel(
  action: string,
  trans: TranslationBundle
): string {
  switch (action) {
    case 'user.create':
      return trans.__('Add user');
    case 'user.edit':
      return trans.__('Edit user');
    case 'user.rename':
      return trans.__('Rename user');
    case 'user.delete':
      return trans.__('Delete user');
    case 'server.start':
      return trans.__('Start server');
    case 'server.stop':
      return trans.__('Stop server');
    case 'server.restart':
      return trans.__('Restart server');
    case 'server.restart-stop':
      return trans.__('Restart server: stop');
    case 'server.restart-start':
      return trans.__('Restart server: start');
    case 'server.delete':
      return trans.__('Delete server');
    case 'group.create':
      return trans.__('Create group');
    case 'group.add-members':
      return trans.__('Add to group');
    case 'group.remove-members':
      return trans.__('Remove from group');
    case 'group.properties':
      return trans.__('Edit group properties');
    case 'group.delete':
      return trans.__('Delete group');
    default:
      return action;
  }
}

/** An audit outcome in words. */
export function auditOutcomeLabel(
  outcome: string,
  trans: TranslationBundle
): string {
  switch (outcome) {
    case 'ok':
      return trans.__('done');
    case 'refused':
      return trans.__('refused by the service');
    case 'failed':
      return trans.__('failed');
    default:
      return outcome;
  }
}
