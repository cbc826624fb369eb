/** Wire types of the Catalyst service, mirroring docs/architecture.md. */

/** A Catalyst role, as the service derives it from the hub's user model. */
export type Role =
  'member' | 'hub-champion' | 'community-champion' | 'core-team';

/** Every role, in the order the panel lists them. */
export const ROLES: readonly Role[] = [
  'member',
  'hub-champion',
  'community-champion',
  'core-team'
];

/** The signed-in user as the service sees them (`GET api/me`). */
export interface IMe {
  /** The hub user name. */
  name: string;
  /** The user's Catalyst roles. */
  roles: Role[];
  /** The hub the user belongs to. */
  hub: { id: string; name: string };
  /** The language the service stored for this user, e.g. `es-ES`. */
  language: string;
}

/** The answer of `POST api/session`. */
export interface ISessionResponse {
  /** The service JWT, sent as `Authorization: Bearer`. */
  token: string;
  /** When the JWT expires (ISO 8601). */
  expiresAt: string;
  /** The signed-in user. */
  user: IMe;
}

/** The JSON body of every error the service answers. */
export interface IErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  /** Seconds to wait, on a 429. */
  retryAfter?: number;
}

/** How the extension currently reaches the service. */
export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'offline'
  | 'unreachable'
  | 'unauthorized'
  | 'not-configured';
