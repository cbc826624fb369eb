/** Session JWTs: signing (HS256), `app.authenticate` and `app.requireRole(...)` for routes. */
import { hash } from 'node:crypto';
import fastifyJwt from '@fastify/jwt';
import type {
  FastifyInstance,
  FastifyRequest,
  preHandlerAsyncHookHandler
} from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError } from '../http-errors.js';

/** Roles in the order of growing reach (docs/architecture.md § Roles). */
export const ROLES = [
  'member',
  'hub-champion',
  'community-champion',
  'core-team'
] as const;

/** A role a route may admit. */
export type Role = (typeof ROLES)[number];

/** What a session token says. */
export interface SessionClaims {
  /** The hub user name. */
  sub: string;
  roles: Role[];
  /** The hub id the token was issued for; other hubs' tokens are refused. */
  hub: string;
  lang: string;
}

/** The verified claims on a request. */
export type SessionUser = SessionClaims & { iat: number; exp: number };

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: SessionClaims;
    user: SessionUser;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: verifies `Authorization: Bearer <session JWT>` and sets request.user. */
    authenticate: (request: FastifyRequest) => Promise<void>;
    /** preHandler factory: admits a signed-in user holding any of the roles (use after authenticate). */
    requireRole: (...roles: Role[]) => preHandlerAsyncHookHandler;
  }
}

async function authPlugin(
  app: FastifyInstance,
  { config }: { config: Config }
): Promise<void> {
  await app.register(fastifyJwt, {
    secret: config.jwt.secret,
    // @fastify/jwt reads a numeric expiresIn as seconds.
    sign: { algorithm: 'HS256', expiresIn: config.jwt.ttlSeconds },
    // fast-jwt's cache skips re-verifying a token seen before (it still honours exp): /me stays cheap.
    // Room for 10,000 live sessions (about 5 MB): with 1,000, a hub with more active people than that
    // missed on every request, as round-robin traffic evicts each token before its next use.
    // Keys by a one-shot SHA-256 of the token (fast-jwt's default also decodes the header to pick one).
    verify: {
      algorithms: ['HS256'],
      cache: 10000,
      cacheKeyBuilder: (token: string) => hash('sha256', token, 'base64url')
    }
  });

  app.decorate(
    'authenticate',
    async function authenticate(request: FastifyRequest) {
      const header = request.headers.authorization;
      if (!header) {
        throw new AppError(
          401,
          'missing_token',
          'send Authorization: Bearer <session token>'
        );
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) {
        throw new AppError(
          401,
          'invalid_token',
          'send Authorization: Bearer <session token>'
        );
      }
      let claims: SessionUser;
      try {
        claims = app.jwt.verify<SessionUser>(match[1] as string);
      } catch (error) {
        if ((error as { code?: string }).code === 'FAST_JWT_EXPIRED') {
          throw new AppError(
            401,
            'expired_token',
            'the session token has expired; open a new session'
          );
        }
        throw new AppError(
          401,
          'invalid_token',
          'the session token is not valid'
        );
      }
      // Hubs sharing a secret by mistake still must not accept each other's sessions.
      if (claims.hub !== config.hubId) {
        throw new AppError(
          401,
          'invalid_token',
          'the session token was issued for another hub'
        );
      }
      if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) {
        throw new AppError(
          401,
          'invalid_token',
          'the session token is not valid'
        );
      }
      request.user = claims;
    }
  );

  app.decorate(
    'requireRole',
    (...roles: Role[]): preHandlerAsyncHookHandler => {
      return async function requireRole(request: FastifyRequest) {
        const held = request.user?.roles ?? [];
        if (!held.some(role => roles.includes(role))) {
          throw new AppError(
            403,
            'forbidden',
            `this needs one of the roles: ${roles.join(', ')}`
          );
        }
      };
    }
  );
}

export default fp(authPlugin, { name: 'auth', fastify: '5.x' });
