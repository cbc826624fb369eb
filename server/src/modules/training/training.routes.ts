/** `{prefix}/api/training/...`: tutorials, the learner's progress and the Hub Champion's cohort view. */
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { AppError, errorResponses } from '../../http-errors.js';
import { HubAdminClient } from '../admin/admin.hub.js';
import { runHubCheck } from './training.hub-check.js';
import {
  createHubTutorials,
  TutorialInvalid
} from './training.hub-tutorials.js';
import { createHelpService } from './training.help.js';
import { createHelpRepository } from './training.help.repository.js';
import { createTrainingRepository } from './training.repository.js';
import {
  CatalogueSchema,
  CohortQuerySchema,
  CohortSchema,
  HelpBodySchema,
  HelpListSchema,
  HelpParamsSchema,
  HelpQuerySchema,
  HelpRequestSchema,
  HubCheckResultSchema,
  HubCheckSchema,
  HubTutorialBodySchema,
  HubTutorialResultSchema,
  IdempotencyHeadersSchema,
  TutorialErrorSchema,
  TutorialInvalidSchema,
  MyProgressSchema,
  ProgressBodySchema,
  ProgressParamsSchema,
  ProgressSchema,
  RequiredIdempotencyHeadersSchema,
  TutorialParamsSchema,
  TutorialSchema
} from './training.schemas.js';
import { createTrainingService } from './training.service.js';
import { compileFolder } from './tutorial-compiler.js';

/** The shipped tutorials: `tutorials/` at the repository root, from src/ and from dist/ alike. */
export const SHIPPED_TUTORIALS = fileURLToPath(
  new URL('../../../../tutorials/', import.meta.url)
);

/** Training routes; mounted under `{prefix}/api/training`. */
export const trainingRoutes: FastifyPluginAsyncTypebox<{
  config: Config;
  tutorialsDir?: string;
}> = async (app, { config, tutorialsDir }) => {
  const { tutorials, errors } = await compileFolder(
    tutorialsDir ?? SHIPPED_TUTORIALS
  );
  for (const error of errors) {
    app.log.warn(error, 'tutorial skipped: it does not compile');
  }
  app.log.info(
    { tutorials: tutorials.map(t => t.id) },
    'training: tutorials loaded'
  );
  const hubTutorials = createHubTutorials({
    db: app.db,
    hubId: config.hubId,
    shippedIds: new Set(tutorials.map(t => t.id))
  });
  const training = createTrainingService({
    repo: createTrainingRepository(app.db),
    hubId: config.hubId,
    tutorials,
    errors,
    hubTutorials
  });
  const signedIn = { onRequest: [app.authenticate] };
  const help = createHelpService({
    repo: createHelpRepository(app.db),
    hubId: config.hubId,
    hasStep: async (tutorialId, stepId) => {
      try {
        const tutorial = await training.tutorial(tutorialId);
        return tutorial.steps.some(step => step.id === stepId);
      } catch {
        return false;
      }
    }
  });
  const champion = {
    onRequest: [app.authenticate],
    preHandler: app.requireRole('hub-champion')
  };
  const hub = config.hubApi
    ? new HubAdminClient({ ...config.hubApi, log: app.log })
    : null;

  app.get(
    '/tutorials',
    {
      ...signedIn,
      schema: {
        summary: 'The tutorial catalogue',
        tags: ['training'],
        security: [{ session: [] }],
        response: { 200: CatalogueSchema, ...errorResponses(401, 503) }
      }
    },
    async request =>
      training.catalogue(request.user.roles.includes('hub-champion'))
  );

  app.get(
    '/tutorials/:id',
    {
      ...signedIn,
      schema: {
        summary: 'One compiled tutorial',
        tags: ['training'],
        security: [{ session: [] }],
        params: TutorialParamsSchema,
        response: { 200: TutorialSchema, ...errorResponses(400, 401, 404, 503) }
      }
    },
    async request => training.tutorial(request.params.id)
  );

  app.get(
    '/progress',
    {
      ...signedIn,
      schema: {
        summary: 'My progress on every tutorial',
        tags: ['training'],
        security: [{ session: [] }],
        response: { 200: MyProgressSchema, ...errorResponses(401, 503) }
      }
    },
    async request => ({ progress: await training.myProgress(request.user.sub) })
  );

  app.put(
    '/progress/:tutorialId/:version/:stepId',
    {
      ...signedIn,
      schema: {
        summary: 'Save my progress on one step',
        description:
          'Idempotent: with an `Idempotency-Key`, a repeat has no further effect and gets the first answer. ' +
          'The newest `clientTime` wins; the earliest pass time is kept.',
        tags: ['training'],
        security: [{ session: [] }],
        params: ProgressParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: ProgressBodySchema,
        response: {
          200: ProgressSchema,
          ...errorResponses(400, 401, 404, 413, 503)
        }
      }
    },
    async request =>
      training.saveProgress(
        request.user.sub,
        request.params,
        request.body,
        request.headers['idempotency-key']
      )
  );

  app.get(
    '/cohort',
    {
      ...signedIn,
      preHandler: app.requireRole('hub-champion'),
      schema: {
        summary: "This hub's learners' progress",
        tags: ['training'],
        security: [{ session: [] }],
        querystring: CohortQuerySchema,
        response: { 200: CohortSchema, ...errorResponses(400, 401, 403, 503) }
      }
    },
    async request => training.cohort(request.query.tutorialId)
  );

  app.post(
    '/hub-check',
    {
      ...signedIn,
      schema: {
        summary: "Checks the hub's state for a tutorial step",
        description:
          'Asks JupyterHub (read only) whether a user exists, is in a group, or has a server running, ' +
          'optionally with a profile. Without `user` it checks the caller; another user needs `hub-champion`.',
        tags: ['training'],
        security: [{ session: [] }],
        body: HubCheckSchema,
        response: {
          200: HubCheckResultSchema,
          ...errorResponses(400, 401, 403, 503)
        }
      }
    },
    async request =>
      runHubCheck(
        hub,
        { name: request.user.sub, roles: request.user.roles },
        request.body
      )
  );

  app.post(
    '/help',
    {
      ...signedIn,
      schema: {
        summary: "I'm stuck: flag a step for this hub's champions",
        description:
          'Requires an `Idempotency-Key`: a resent request answers 200 with the first one; a new one 201.',
        tags: ['training'],
        security: [{ session: [] }],
        headers: RequiredIdempotencyHeadersSchema,
        body: HelpBodySchema,
        response: {
          200: HelpRequestSchema,
          201: HelpRequestSchema,
          ...errorResponses(400, 401, 404, 413, 503)
        }
      }
    },
    async (request, reply) => {
      const { request: saved, created } = await help.ask(
        request.user.sub,
        request.body,
        request.headers['idempotency-key']
      );
      return reply.code(created ? 201 : 200).send(saved);
    }
  );

  app.get(
    '/help',
    {
      ...champion,
      schema: {
        summary: "This hub's help requests",
        tags: ['training'],
        security: [{ session: [] }],
        querystring: HelpQuerySchema,
        response: { 200: HelpListSchema, ...errorResponses(400, 401, 403, 503) }
      }
    },
    async request => ({
      requests: await help.list(request.query.open ?? false)
    })
  );

  app.post(
    '/help/:id/resolve',
    {
      ...champion,
      schema: {
        summary: 'Mark a help request resolved',
        tags: ['training'],
        security: [{ session: [] }],
        params: HelpParamsSchema,
        response: {
          200: HelpRequestSchema,
          ...errorResponses(400, 401, 403, 404, 503)
        }
      }
    },
    async request => help.resolve(request.params.id, request.user.sub)
  );

  app.put(
    '/hub-tutorials',
    {
      ...champion,
      bodyLimit: 256 * 1024,
      schema: {
        summary: 'Add or update a tutorial for this hub',
        description:
          'Compiled and validated like the shipped ones: a file that does not compile answers 422 with every ' +
          'error and its line and field, and changes nothing. A new version lists the steps that did not change, ' +
          'so learners keep those passes. The same version with other content is 409.',
        tags: ['training'],
        security: [{ session: [] }],
        body: HubTutorialBodySchema,
        response: {
          200: HubTutorialResultSchema,
          201: HubTutorialResultSchema,
          422: TutorialInvalidSchema,
          ...errorResponses(400, 401, 403, 409, 413, 503)
        }
      }
    },
    async (request, reply) => {
      try {
        const { tutorial, created } = await hubTutorials.upload(
          request.body.fileName,
          request.body.source,
          request.user.sub
        );
        const summary = (await training.catalogue(false)).tutorials.find(
          t => t.id === tutorial.id
        );
        return reply.code(created ? 201 : 200).send({
          tutorial: summary as NonNullable<typeof summary>,
          carriesFrom: tutorial.carriesFrom ?? null
        });
      } catch (error) {
        if (error instanceof TutorialInvalid) {
          return reply.code(422).send({
            statusCode: 422,
            error: 'Unprocessable Entity',
            code: 'tutorial_invalid',
            message: `${request.body.fileName} does not compile: ${error.errors.length} error(s)`,
            errors: error.errors
          });
        }
        throw error;
      }
    }
  );

  app.post(
    '/hub-tutorials/check',
    {
      ...champion,
      bodyLimit: 256 * 1024,
      schema: {
        summary: 'Check a tutorial file without adding it',
        description:
          'Answers 200 with every error and its line and field (empty when the file is good).',
        tags: ['training'],
        security: [{ session: [] }],
        body: HubTutorialBodySchema,
        response: {
          200: Type.Object({ errors: Type.Array(TutorialErrorSchema) }),
          ...errorResponses(400, 401, 403, 413, 503)
        }
      }
    },
    async request =>
      hubTutorials.check(request.body.fileName, request.body.source)
  );

  app.delete(
    '/hub-tutorials/:id',
    {
      ...champion,
      schema: {
        summary:
          "Remove one of this hub's tutorials (learners' progress stays)",
        tags: ['training'],
        security: [{ session: [] }],
        params: TutorialParamsSchema,
        response: {
          200: Type.Object({ removed: Type.String() }),
          ...errorResponses(400, 401, 403, 404, 503)
        }
      }
    },
    async (request, reply) => {
      if (!(await hubTutorials.remove(request.params.id))) {
        throw new AppError(
          404,
          'not_found',
          `this hub has no tutorial ${request.params.id} of its own`
        );
      }
      return reply.send({ removed: request.params.id });
    }
  );
};
