/** Talks to the JupyterHub REST API: who owns a token. */
import { createHash } from 'node:crypto';
import { AppError } from '../http-errors.js';
import type { Logger } from '../logger.js';
import { TtlCache } from './ttl-cache.js';

/** The part of JupyterHub's user model (GET /hub/api/user) the service reads. */
export interface HubUser {
  kind: 'user' | 'service';
  name: string;
  admin: boolean;
  groups: string[];
  /** The scopes of the token used for the request (JupyterHub ≥ 2). */
  scopes: string[];
}

/** Where the hub is and how long to wait for it. */
export interface HubApiOptions {
  url: string;
  timeoutMs: number;
  cacheTtlMs?: number;
  cacheSize?: number;
  log: Logger;
}

/** Resolves users' tokens through the hub, caching answers by the token's hash. */
export class HubApi {
  // Keyed by sha256(token) so the cache never holds a usable token.
  private readonly cache: TtlCache<HubUser>;

  constructor(private readonly options: HubApiOptions) {
    this.cache = new TtlCache(
      options.cacheSize ?? 1000,
      options.cacheTtlMs ?? 60000
    );
  }

  /** The owner of the token; 401 invalid_token if the hub refuses it, 503 hub_unreachable if it cannot say. */
  async userForToken(token: string): Promise<HubUser> {
    const key = createHash('sha256').update(token).digest('hex');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const user = await this.fetchUser(token);
    this.cache.set(key, user);
    return user;
  }

  private async fetchUser(token: string): Promise<HubUser> {
    const { url, timeoutMs, log } = this.options;
    let response: Response;
    try {
      response = await fetch(`${url}/user`, {
        headers: {
          Authorization: `token ${token}`,
          Accept: 'application/json'
        },
        signal: AbortSignal.timeout(timeoutMs)
      });
    } catch (error) {
      log.warn({ err: error, hubApi: url }, 'hub unreachable');
      throw unreachable();
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new AppError(
        401,
        'invalid_token',
        'the hub did not accept this token'
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      log.warn(
        { status: response.status, hubApi: url },
        'hub answered with an error'
      );
      throw unreachable();
    }
    let model: unknown;
    try {
      model = await response.json();
    } catch (error) {
      log.warn(
        { err: error, hubApi: url },
        'hub answered with something that is not JSON'
      );
      throw unreachable();
    }
    return toHubUser(model);
  }
}

function unreachable(): AppError {
  return new AppError(
    503,
    'hub_unreachable',
    'JupyterHub cannot be reached; try again shortly'
  );
}

/** Reads the fields we use, tolerating older hubs that omit some. */
function toHubUser(model: unknown): HubUser {
  const m = (model ?? {}) as Record<string, unknown>;
  if (typeof m.name !== 'string' || !m.name) {
    throw new AppError(
      503,
      'hub_unreachable',
      'JupyterHub sent a user model without a name'
    );
  }
  const strings = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : [];
  return {
    kind: m.kind === 'service' ? 'service' : 'user',
    name: m.name,
    admin: m.admin === true,
    groups: strings(m.groups),
    scopes: strings(m.scopes)
  };
}
