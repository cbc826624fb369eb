/** `GET {prefix}/api/hub`: this instance's hub as stored (name, URL, languages). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { AppError, errorResponses } from '../../http-errors.js';

/** This hub as the extension sees it. */
export const HubSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    url: Type.String(),
    communityId: Type.Union([Type.String(), Type.Null()]),
    languages: Type.Array(Type.String())
  },
  { additionalProperties: false }
);

/** Hub routes; mounted under `{prefix}/api`. */
export const hubRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (
  app,
  { config }
) => {
  app.get(
    '/hub',
    {
      schema: {
        summary: 'This hub',
        tags: ['hubs'],
        security: [{ session: [] }],
        response: { 200: HubSchema, ...errorResponses(401, 404, 503) }
      },
      preHandler: app.authenticate
    },
    async () => {
      // Read fresh on every call: this is the database read the benchmark measures.
      const hub = await app.hubsRepository.findSummary(config.hubId);
      if (!hub)
        throw new AppError(404, 'not_found', 'this hub is not registered');
      return {
        id: hub.id,
        name: hub.name,
        url: hub.url,
        communityId: hub.community_id,
        languages: hub.languages
      };
    }
  );
};
