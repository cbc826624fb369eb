/**
 * `{prefix}/api/federation/...`: the Core Team's view across every hub of the federation, with a
 * `hub` filter. Hub-scoped routes elsewhere see only this instance's hub; these alone read all
 * hubs, and only for `core-team`. (The partnership table, `api/partnerships/communities`, already
 * spans every community; feedback triage across hubs lives in `api/feedback/triage/...`.)
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import { AppError } from '../../http-errors.js';
import { routeDeclarer } from '../../http-route.js';
import { createFederationRepository } from './federation.repository.js';
import {
  FederatedHubsSchema,
  FederatedLearnersSchema,
  FederatedProgressSchema,
  HubFilterSchema,
  LearnersQuerySchema,
  ProgressFilterSchema
} from './federation.schemas.js';

/** Federation routes; mounted under `{prefix}/api/federation`. */
export const federationRoutes: FastifyPluginAsyncTypebox<{
  config: Config;
}> = async app => {
  const repo = createFederationRepository(app.db);
  const route = routeDeclarer(app, ['federation']);
  const coreTeam = ['core-team'] as const;
  /** A filter naming no registered hub is a mistake worth saying, not an empty table. */
  const known = async (hub: string | undefined): Promise<void> => {
    if (hub && !(await repo.hubExists(hub))) {
      throw new AppError(404, 'not_found', `no registered hub "${hub}"`);
    }
  };

  app.get(
    '/hubs',
    route({
      summary:
        'Every hub of the federation with its learner, step and feedback counts',
      who: coreTeam,
      querystring: HubFilterSchema,
      response: FederatedHubsSchema,
      errors: [400, 404, 503]
    }),
    async request => {
      await known(request.query.hub);
      return { hubs: await repo.hubs(request.query.hub) };
    }
  );

  app.get(
    '/progress',
    route({
      summary: 'Training progress per hub and tutorial version',
      who: coreTeam,
      querystring: ProgressFilterSchema,
      response: FederatedProgressSchema,
      errors: [400, 404, 503]
    }),
    async request => {
      await known(request.query.hub);
      return { progress: await repo.progress(request.query) };
    }
  );

  app.get(
    '/progress/learners',
    route({
      summary: 'Each learner on each tutorial version, across hubs (paged)',
      who: coreTeam,
      querystring: LearnersQuerySchema,
      response: FederatedLearnersSchema,
      errors: [400, 404, 503]
    }),
    async request => {
      await known(request.query.hub);
      return repo.learners(request.query);
    }
  );
};
