import type { TranslationBundle } from '@jupyterlab/translation';

import type { ConnectionState, Role } from '../api/types';

/** The human-readable name of a role; an unknown role (newer service) shows as sent. */
export function roleLabel(
  role: Role | string,
  trans: TranslationBundle
): string {
  switch (role) {
    case 'member':
      return trans.__('Member');
    case 'hub-champion':
      return trans.__('Hub Champion');
    case 'community-champion':
      return trans.__('Community Champion');
    case 'core-team':
      return trans.__('Core Team');
    default:
      return role;
  }
}

/** The short status shown next to the service indicator. */
export function statusLabel(
  state: ConnectionState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'connecting':
      return trans.__('Connecting…');
    case 'connected':
      return trans.__('Connected');
    case 'offline':
      return trans.__('Offline');
    case 'unreachable':
      return trans.__('Service unreachable');
    case 'unauthorized':
      return trans.__('Not signed in');
    case 'not-configured':
      return trans.__('Not configured');
  }
}

/** What the user can do about a state, or '' when nothing is wrong. */
export function statusHint(
  state: ConnectionState,
  trans: TranslationBundle
): string {
  switch (state) {
    case 'offline':
      return trans.__('Check your network connection, then try again.');
    case 'unreachable':
      return trans.__(
        'The Catalyst service is not answering. If this lasts, tell your hub administrator.'
      );
    case 'unauthorized':
      return trans.__(
        'Your hub session could not be verified. Reload the page or sign in to the hub again.'
      );
    case 'not-configured':
      return trans.__(
        'This JupyterLab does not run on a hub with the Catalyst service. An administrator can set the service URL in the Catalyst settings.'
      );
    default:
      return '';
  }
}
