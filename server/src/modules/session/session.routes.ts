/** `POST {prefix}/api/session` (hub token → session JWT) and `GET {prefix}/api/me`. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import { errorResponses } from '../../http-errors.js';
import type { SessionUser } from '../../plugins/auth.js';
import {
  DevSessionBodySchema,
  MeSchema,
  SessionBodySchema,
  SessionSchema
} from './session.schemas.js';
import { createSessionService } from './session.service.js';

/** Session routes; mounted under `{prefix}/api`. */
export const sessionRoutes: FastifyPluginAsyncTypebox<{
  config: Config;
}> = async (app, { config }) => {
  const sessions = createSessionService({
    config,
    hubApi: app.hubApi,
    hubs: app.hubsRepository,
    sign: claims => app.jwt.sign(claims),
    decode: token => app.jwt.decode<SessionUser>(token) as SessionUser
  });

  app.post(
    '/session',
    {
      schema: {
        summary: 'Open a session',
        description:
          'Exchanges the JupyterHub token of the page (`Authorization: token <hub token>`) for a short-lived ' +
          'session JWT. The token must carry `access:services!service=<service name>`.',
        tags: ['session'],
        security: [{ hubToken: [] }],
        // Development mode documents (and accepts) the fields that stand in for a hub user.
        body: config.devMode ? DevSessionBodySchema : SessionBodySchema,
        response: {
          200: SessionSchema,
          ...errorResponses(400, 401, 403, 413, 503)
        }
      },
      // The body is optional: a POST without one is an empty request, not an invalid one.
      preValidation: async request => {
        request.body ??= {};
      }
    },
    async request => sessions.open(request.headers.authorization, request.body)
  );

  app.get(
    '/me',
    {
      schema: {
        summary: 'The signed-in user',
        tags: ['session'],
        security: [{ session: [] }],
        response: { 200: MeSchema, ...errorResponses(401, 503) }
      },
      preHandler: app.authenticate
    },
    async request => sessions.me(request.user)
  );
};
