/** Session rules: who a hub token belongs to, which roles they hold, and the signed session. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import type { HubApi, HubUser } from '../../hub/hub-api.js';
import { AppError } from '../../http-errors.js';
import type { Role, SessionClaims, SessionUser } from '../../plugins/auth.js';
import type { HubsRepository } from '../hubs/hubs.repository.js';
import type { Me, Session, SessionBody } from './session.schemas.js';
import { TtlCache } from '../../hub/ttl-cache.js';

/** The identity a session is opened for. */
type Identity = Pick<HubUser, 'name' | 'admin' | 'groups'>;

/** What the session service needs from the app. */
export interface SessionServiceDeps {
  config: Config;
  hubApi: HubApi | null;
  hubs: HubsRepository;
  sign(claims: SessionClaims): string;
  decode(token: string): SessionUser;
}

/** Reads `token X` or `Bearer X`; 401 missing_token or invalid_token otherwise. */
export function tokenFromHeader(header: string | undefined): string {
  if (!header) {
    throw new AppError(
      401,
      'missing_token',
      'send Authorization: token <JupyterHub token>'
    );
  }
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new AppError(
      401,
      'invalid_token',
      'send Authorization: token <JupyterHub token>'
    );
  }
  return match[1] as string;
}

/** True when the token's scopes grant access to this service (or to every service). */
export function hasAccessScope(scopes: string[], serviceName: string): boolean {
  return (
    scopes.includes('access:services') ||
    scopes.includes(`access:services!service=${serviceName}`)
  );
}

/** The roles of a hub user (docs/architecture.md § Roles). */
export function rolesFor(user: Identity, rules: Config['roles']): Role[] {
  const groups = new Set(user.groups);
  const roles: Role[] = ['member'];
  if (user.admin || groups.has(rules.hubChampionGroup))
    roles.push('hub-champion');
  if (groups.has(rules.communityChampionGroup))
    roles.push('community-champion');
  if (rules.coreTeam.includes(user.name) || groups.has(rules.coreTeamGroup))
    roles.push('core-team');
  return roles;
}

/** The hub's language closest to the requested one: exact, then its primary subtag, then the hub's first. */
export function pickLanguage(
  requested: string | undefined,
  available: string[]
): string {
  const fallback = available[0] ?? 'en';
  if (!requested) return fallback;
  const wanted = requested.replace('_', '-').toLowerCase();
  const byLower = new Map(
    available.map(language => [language.toLowerCase(), language])
  );
  return (
    byLower.get(wanted) ??
    byLower.get(wanted.split('-')[0] as string) ??
    fallback
  );
}

/** Compares secrets in constant time whatever their lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** What a session needs to know of a hub. */
interface HubSummary {
  id: string;
  name: string;
  languages: string[];
}

/** Opens sessions and describes the signed-in user. */
export function createSessionService(deps: SessionServiceDeps) {
  const { config, hubApi, hubs } = deps;

  async function hubIdentity(token: string): Promise<Identity> {
    if (!hubApi) {
      throw new AppError(
        401,
        'invalid_token',
        'no hub is configured and this is not the development secret'
      );
    }
    const user = await hubApi.userForToken(token);
    if (user.kind === 'service') {
      throw new AppError(
        403,
        'wrong_scope',
        'a service token cannot open a user session'
      );
    }
    if (!hasAccessScope(user.scopes, config.serviceName)) {
      throw new AppError(
        403,
        'wrong_scope',
        `the token lacks the scope access:services!service=${config.serviceName}`
      );
    }
    return user;
  }

  // The hub's name and languages change rarely; a short cache keeps /me off the database.
  const hubCache = new TtlCache<HubSummary>(16, 30_000);
  async function hubOf(id: string): Promise<HubSummary> {
    const cached = hubCache.get(id);
    if (cached) return cached;
    const hub = (await hubs.findById(id)) ?? {
      id,
      name: config.hubName,
      languages: ['en']
    };
    const summary = { id: hub.id, name: hub.name, languages: hub.languages };
    hubCache.set(id, summary);
    return summary;
  }

  return {
    /** Exchanges a hub token (or, in development mode, the development secret) for a session. */
    async open(
      authorization: string | undefined,
      body: SessionBody
    ): Promise<Session> {
      const token = tokenFromHeader(authorization);
      let identity: Identity;
      if (config.devMode && sameSecret(token, config.devMode.secret)) {
        if (!body.user) {
          throw new AppError(
            400,
            'validation',
            'body/user is required with the development secret'
          );
        }
        identity = {
          name: body.user,
          admin: body.admin ?? false,
          groups: body.groups ?? []
        };
      } else {
        // Only the development secret may choose who it signs in as.
        for (const field of ['user', 'groups', 'admin'] as const) {
          if (body[field] !== undefined) {
            throw new AppError(
              400,
              'validation',
              `body/${field} is only accepted with the development secret`
            );
          }
        }
        identity = await hubIdentity(token);
      }
      const hub = await hubOf(config.hubId);
      const claims: SessionClaims = {
        sub: identity.name,
        roles: rolesFor(identity, config.roles),
        hub: hub.id,
        lang: pickLanguage(body.language, hub.languages)
      };
      const jwt = deps.sign(claims);
      const { exp } = deps.decode(jwt);
      return {
        token: jwt,
        expiresAt: new Date(exp * 1000).toISOString(),
        user: {
          name: claims.sub,
          roles: claims.roles,
          hub: { id: hub.id, name: hub.name },
          language: claims.lang
        }
      };
    },

    /** The signed-in user described by verified session claims. */
    async me(user: SessionUser): Promise<Me> {
      const hub = await hubOf(user.hub);
      return {
        name: user.sub,
        roles: user.roles,
        hub: { id: hub.id, name: hub.name },
        language: user.lang
      };
    }
  };
}

/** The session service's interface. */
export type SessionService = ReturnType<typeof createSessionService>;
