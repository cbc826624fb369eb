import type { ISignal } from '@lumino/signaling';
import { Token } from '@lumino/coreutils';

import type { CatalystClient } from './api/client';
import type { ConnectionState, IMe } from './api/types';

/** The Catalyst service client: the only way the extension talks HTTP. */
export interface ICatalystClient {
  /** The service base URL (ending in '/'), or null when not configured. */
  readonly serviceUrl: string | null;
  /** How the service is currently reached. */
  readonly state: ConnectionState;
  /** The message of the last failure, or '' after a success. */
  readonly lastError: string;
  /** The user of the current session, or null before the first exchange. */
  readonly user: IMe | null;
  /** Emitted when `state` or `lastError` changes. */
  readonly stateChanged: ISignal<ICatalystClient, ConnectionState>;
  /** Emitted with the user after every successful session exchange. */
  readonly signedIn: ISignal<ICatalystClient, IMe>;
  /** Exchange the page token for a fresh session and return its user. */
  connect(): Promise<IMe>;
  /** The signed-in user as the service sees them now. */
  getMe(): Promise<IMe>;
  /** Send an authenticated request to a route under the service prefix. */
  request<T>(path: string, init?: CatalystClient.IRequestInit): Promise<T>;
  /** Open an authenticated event stream under the service prefix (absent: callers poll instead). */
  stream?(path: string, signal: AbortSignal): Promise<Response>;
}

/** The token of the Catalyst service client. */
export const ICatalystClient = new Token<ICatalystClient>(
  'jupyterlab-catalyst:ICatalystClient',
  `The Catalyst companion-service client. Use it to call the service's API with the
  signed-in user's session; it exposes the connection state.`
);

/** Who the user is for Catalyst and whether the service can be reached. */
export interface ICatalystModel {
  /** The signed-in user, or null until the first session. */
  readonly me: IMe | null;
  /** How the service is currently reached. */
  readonly state: ConnectionState;
  /** The message of the last failure, or ''. */
  readonly lastError: string;
  /** Whether the first session is still being opened. */
  readonly loading: boolean;
  /** Emitted whenever any of the above changes. */
  readonly changed: ISignal<ICatalystModel, void>;
  /** Open a fresh session (on start, or when the user asks to retry). */
  refresh(): Promise<void>;
}

/** The token of the Catalyst session model. */
export const ICatalystModel = new Token<ICatalystModel>(
  'jupyterlab-catalyst:ICatalystModel',
  `The signed-in Catalyst user (name, roles, hub, language) and the service's connection
  state, shared by the Catalyst panels.`
);
