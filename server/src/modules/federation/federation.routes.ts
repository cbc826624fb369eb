/**
 * `{prefix}/api/federation/...`: the Core Team's view across every hub of the federation, with a
 * `hub` filter. Hub-scoped routes elsewhere see only this instance's hub; these alone read all
 * hubs, and only for `core-team`. (The partnership table, `api/partnerships/communities`, already
 * spans every community; feedback triage across hubs lives in `api/feedback/triage/...`.)
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import { AppError, errorResponses } from '../../http-errors.js';
import { createFederationRepository } from './federation.repository.js';
import {
  FederatedHubsSchema,
  FederatedLearnersSchema,
  FederatedProgressSchema,
  HubFilterSchema,
  LearnersQuerySchema,
  ProgressFilterSchema
} from './federation.schemas.js';

const tags = ['federation'];
const security = [{ session: [] }];

/** Federation routes; mounted under `{prefix}/api/federation`. */
export const federationRoutes: FastifyPluginAsyncTypebox<{
  config: Config;
}> = async app => {
  const repo = createFederationRepository(app.db);
  const coreTeam = {
    onRequest: [app.authenticate],
    preHandler: app.requireRole('core-team')
  };
  /** A filter naming no registered hub is a mistake worth saying, not an empty table. */
  const known = async (hub: string | undefined): Promise<void> => {
    if (hub && !(await repo.hubExists(hub))) {
      throw new AppError(404, 'not_found', `no registered hub "${hub}"`);
    }
  };

  app.get(
    '/hubs',
    {
      ...coreTeam,
      schema: {
        summary:
          'Every hub of the federation with its learner, step and feedback counts',
        tags,
        security,
        querystring: HubFilterSchema,
        response: {
          200: FederatedHubsSchema,
          ...errorResponses(400, 401, 403, 404, 503)
        }
      }
    },
    async request => {
      await known(request.query.hub);
      return { hubs: await repo.hubs(request.query.hub) };
    }
  );

  app.get(
    '/progress',
    {
      ...coreTeam,
      schema: {
        summary: 'Training progress per hub and tutorial version',
        tags,
        security,
        querystring: ProgressFilterSchema,
        response: {
          200: FederatedProgressSchema,
          ...errorResponses(400, 401, 403, 404, 503)
        }
      }
    },
    async request => {
      await known(request.query.hub);
      return { progress: await repo.progress(request.query) };
    }
  );

  app.get(
    '/progress/learners',
    {
      ...coreTeam,
      schema: {
        summary: 'Each learner on each tutorial version, across hubs (paged)',
        tags,
        security,
        querystring: LearnersQuerySchema,
        response: {
          200: FederatedLearnersSchema,
          ...errorResponses(400, 401, 403, 404, 503)
        }
      }
    },
    async request => {
      await known(request.query.hub);
      return repo.learners(request.query);
    }
  );
};
