/** `{prefix}/api/feedback/...`: governance feedback, consultations and Core Team triage (docs/feedback.md). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import { errorBody, errorResponses } from '../../http-errors.js';
import { createAnonymityKeys } from './feedback.anonymity.js';
import { createSecondLimiter } from './feedback.rate.js';
import { createFeedbackRepository } from './feedback.repository.js';
import {
  ConsultationCreateSchema,
  ConsultationListSchema,
  ConsultationPatchSchema,
  ConsultationSchema,
  EraseAnswerSchema,
  EraseBodySchema,
  ExportFileSchema,
  ExportQuerySchema,
  IdParamsSchema,
  IdempotencyHeadersSchema,
  ItemListSchema,
  ItemPageSchema,
  ItemSchema,
  ItemsQuerySchema,
  LIMITS,
  LookupAnswerSchema,
  LookupBodySchema,
  ModerationBodySchema,
  MyExportSchema,
  NewsAnswerSchema,
  NewsBodySchema,
  OptionsSchema,
  RateLimitedSchema,
  SeenAnswerSchema,
  SeenBodySchema,
  ReportAnswerSchema,
  ReportBodySchema,
  ResponseCreateSchema,
  ResponseParamsSchema,
  ResponsePatchSchema,
  ResponseSchema,
  SUBMIT_BODY_LIMIT,
  SubmitAnswerSchema,
  SubmitBodySchema,
  SupportAnswerSchema,
  TransitionBodySchema,
  TrendsQuerySchema,
  TrendsSchema,
  TriageItemSchema,
  TriageItemWithHistorySchema,
  TriagePageSchema,
  TriageQuerySchema,
  WithdrawBodySchema
} from './feedback.schemas.js';
import { seedDemoConsultation } from './feedback.seed.js';
import { createFeedbackService, FeedbackError } from './feedback.service.js';

/** Options of the feedback routes. */
export interface FeedbackOptions {
  config: Config;
  /** Submissions per person per UTC day (default 10). */
  perDay?: number;
  /** Submissions per person per second (default 1). */
  perSecond?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  /** Add the demo consultation when none exists (default: config.demoSeed). */
  demoSeed?: boolean;
}

const tags = ['feedback'];
const security = [{ session: [] }];

// Routes that could tie a person to an anonymous item (its submission, its receipt, its withdrawal) write
// no request lines: Fastify's request log holds the client address and the URL.
const quiet = { logLevel: 'warn' as const };

/** Feedback routes; mounted under `{prefix}/api/feedback`. */
export const feedbackRoutes: FastifyPluginAsyncTypebox<
  FeedbackOptions
> = async (app, options) => {
  const { config } = options;
  const service = createFeedbackService({
    repo: createFeedbackRepository(app.db),
    hubId: config.hubId,
    keys: createAnonymityKeys(config.jwt.secret),
    limiter: createSecondLimiter({
      perSecond: options.perSecond ?? LIMITS.perSecond
    }),
    perDay: options.perDay,
    now: options.now
  });
  const signedIn = { onRequest: [app.authenticate] };
  // The role is checked before the body is read: a member learns nothing from a Core Team route.
  const core = {
    onRequest: [app.authenticate, app.requireRole('core-team')]
  };
  const caller = (request: { user: { sub: string } }) => ({
    user: request.user.sub
  });

  // A 429 says when to come back: in Retry-After for any HTTP client, and as `retryAfter` in the body,
  // which the widget reads with the rest of the error. Every other error goes on to the service's errors
  // plugin (an error handler that throws hands the error to its parent's).
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof FeedbackError && error.retryAfter) {
      return reply
        .code(error.statusCode)
        .header('retry-after', String(error.retryAfter))
        .send({
          ...errorBody(error.statusCode, error.code, error.message),
          retryAfter: error.retryAfter
        });
    }
    throw error;
  });

  const seed = options.demoSeed ?? config.demoSeed;
  // Expired idempotency keys and old ledger rows: at start, then every six hours.
  const purge = () =>
    service
      .purge()
      .catch((error: unknown) =>
        app.log.warn({ err: error }, 'feedback: purge failed')
      );
  const timer = setInterval(() => void purge(), 6 * 3600 * 1000);
  timer.unref();
  app.addHook('onReady', async () => {
    await purge();
    if (seed) {
      const seeded = await seedDemoConsultation(service.repo, {
        hubId: config.hubId,
        now: options.now?.() ?? new Date()
      });
      app.log.info({ seeded }, 'feedback: demo consultation');
    }
  });
  app.addHook('onClose', async () => clearInterval(timer));

  app.get(
    '/options',
    {
      ...signedIn,
      schema: {
        summary: 'Topics and limits of the feedback form',
        tags,
        security,
        response: { 200: OptionsSchema, ...errorResponses(401) }
      }
    },
    async () => service.options()
  );

  app.post(
    '/items',
    {
      ...signedIn,
      ...quiet,
      bodyLimit: SUBMIT_BODY_LIMIT,
      schema: {
        summary:
          'Send feedback or a consultation reply, identified or anonymous',
        description:
          'Idempotent with `Idempotency-Key`: a repeat answers 200 with the same item and receipt. ' +
          'Anonymous items get a receipt code, shown once.',
        tags,
        security,
        headers: IdempotencyHeadersSchema,
        body: SubmitBodySchema,
        response: {
          200: SubmitAnswerSchema,
          201: SubmitAnswerSchema,
          ...errorResponses(400, 401, 404, 409, 413, 422, 503),
          429: RateLimitedSchema
        }
      }
    },
    async (request, reply) => {
      const { created, item, receipt } = await service.submit(
        caller(request),
        request.body,
        request.headers['idempotency-key']
      );
      return reply.code(created ? 201 : 200).send({ item, receipt });
    }
  );

  app.get(
    '/items',
    {
      ...signedIn,
      schema: {
        summary: "This hub's feedback",
        tags,
        security,
        querystring: ItemsQuerySchema,
        response: { 200: ItemPageSchema, ...errorResponses(400, 401, 503) }
      }
    },
    async request => service.list(caller(request), request.query)
  );

  app.get(
    '/items/:id',
    {
      ...signedIn,
      schema: {
        summary: 'One item',
        tags,
        security,
        params: IdParamsSchema,
        response: { 200: ItemSchema, ...errorResponses(400, 401, 404, 503) }
      }
    },
    async request => service.item(caller(request), request.params.id)
  );

  app.get(
    '/mine',
    {
      ...signedIn,
      schema: {
        summary: 'My identified items, with their published responses',
        tags,
        security,
        response: { 200: ItemListSchema, ...errorResponses(401, 503) }
      }
    },
    async request => ({ items: await service.mine(caller(request)) })
  );

  app.post(
    '/mine/lookup',
    {
      ...signedIn,
      ...quiet,
      schema: {
        summary: 'Items by receipt code (anonymous ones included)',
        tags,
        security,
        body: LookupBodySchema,
        response: { 200: LookupAnswerSchema, ...errorResponses(400, 401, 503) }
      }
    },
    async request => service.lookup(caller(request), request.body.receipts)
  );

  app.post(
    '/news',
    {
      ...signedIn,
      // Receipts travel in the body and the request writes no log line: polling ties no one to them.
      ...quiet,
      schema: {
        summary:
          'What is new for me: my items with unseen responses or decisions, and news of followed receipts',
        tags,
        security,
        body: NewsBodySchema,
        response: { 200: NewsAnswerSchema, ...errorResponses(400, 401, 503) }
      }
    },
    async request => service.news(caller(request), request.body.receipts)
  );

  app.post(
    '/news/seen',
    {
      ...signedIn,
      schema: {
        summary:
          "I saw my identified items' news (anonymous items keep theirs in the browser)",
        tags,
        security,
        body: SeenBodySchema,
        response: { 200: SeenAnswerSchema, ...errorResponses(400, 401, 503) }
      }
    },
    async request => service.seen(caller(request), request.body.items)
  );

  app.put(
    '/items/:id/support',
    {
      ...signedIn,
      schema: {
        summary: 'Support (+1) an item',
        tags,
        security,
        params: IdParamsSchema,
        response: {
          200: SupportAnswerSchema,
          ...errorResponses(400, 401, 404, 409)
        }
      }
    },
    async request => service.support(caller(request), request.params.id, true)
  );

  app.delete(
    '/items/:id/support',
    {
      ...signedIn,
      schema: {
        summary: 'Take back my support',
        tags,
        security,
        params: IdParamsSchema,
        response: { 200: SupportAnswerSchema, ...errorResponses(400, 401, 404) }
      }
    },
    async request => service.support(caller(request), request.params.id, false)
  );

  app.post(
    '/items/:id/withdraw',
    {
      ...signedIn,
      ...quiet,
      schema: {
        summary: 'Withdraw my item while it is new or under review',
        tags,
        security,
        params: IdParamsSchema,
        body: WithdrawBodySchema,
        response: {
          200: ItemSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      }
    },
    async request =>
      service.withdraw(
        caller(request),
        request.params.id,
        request.body?.receipt
      )
  );

  app.post(
    '/items/:id/report',
    {
      ...signedIn,
      schema: {
        summary: 'Report an item (once per person; three reports hide it)',
        tags,
        security,
        params: IdParamsSchema,
        body: ReportBodySchema,
        response: {
          200: ReportAnswerSchema,
          ...errorResponses(400, 401, 404, 409)
        }
      }
    },
    async request =>
      service.report(caller(request), request.params.id, request.body.reason)
  );

  app.get(
    '/consultations',
    {
      ...signedIn,
      schema: {
        summary: "Consultations addressed to this hub's community",
        tags,
        security,
        response: { 200: ConsultationListSchema, ...errorResponses(401, 503) }
      }
    },
    async request => ({
      consultations: await service.consultations(caller(request))
    })
  );

  app.post(
    '/consultations',
    {
      ...core,
      schema: {
        summary: 'Open a consultation',
        tags,
        security,
        body: ConsultationCreateSchema,
        response: { 201: ConsultationSchema, ...errorResponses(400, 401, 403) }
      }
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createConsultation(caller(request), request.body))
  );

  app.patch(
    '/consultations/:id',
    {
      ...core,
      schema: {
        summary: 'Edit a consultation: extend, never shorten once replied',
        tags,
        security,
        params: IdParamsSchema,
        body: ConsultationPatchSchema,
        response: {
          200: ConsultationSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      }
    },
    async request =>
      service.updateConsultation(
        caller(request),
        request.params.id,
        request.body
      )
  );

  app.get(
    '/triage/consultations',
    {
      ...core,
      schema: {
        summary: 'Every consultation, with reply counts',
        tags,
        security,
        response: { 200: ConsultationListSchema, ...errorResponses(401, 403) }
      }
    },
    async request => ({
      consultations: await service.allConsultations(caller(request))
    })
  );

  app.get(
    '/triage/items',
    {
      ...core,
      schema: {
        summary: 'Items of every hub, filtered',
        tags,
        security,
        querystring: TriageQuerySchema,
        response: { 200: TriagePageSchema, ...errorResponses(400, 401, 403) }
      }
    },
    async request => service.triageList(caller(request), request.query)
  );

  app.get(
    '/triage/items/:id',
    {
      ...core,
      schema: {
        summary: 'One item with its history and draft responses',
        tags,
        security,
        params: IdParamsSchema,
        response: {
          200: TriageItemWithHistorySchema,
          ...errorResponses(400, 401, 403, 404)
        }
      }
    },
    async request => service.triageItem(caller(request), request.params.id)
  );

  app.post(
    '/triage/items/:id/transition',
    {
      ...core,
      schema: {
        summary: 'Move an item along the triage state machine',
        tags,
        security,
        params: IdParamsSchema,
        body: TransitionBodySchema,
        response: {
          200: TriageItemSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      }
    },
    async request =>
      service.transition(caller(request), request.params.id, request.body)
  );

  app.post(
    '/triage/items/:id/responses',
    {
      ...core,
      schema: {
        summary: 'Draft (or publish) a response',
        tags,
        security,
        params: IdParamsSchema,
        body: ResponseCreateSchema,
        response: { 201: ResponseSchema, ...errorResponses(400, 401, 403, 404) }
      }
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.addResponse(
            caller(request),
            request.params.id,
            request.body
          )
        )
  );

  app.patch(
    '/triage/items/:id/responses/:responseId',
    {
      ...core,
      schema: {
        summary: 'Edit a draft response or publish it',
        tags,
        security,
        params: ResponseParamsSchema,
        body: ResponsePatchSchema,
        response: {
          200: ResponseSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      }
    },
    async request =>
      service.updateResponse(
        caller(request),
        request.params.id,
        request.params.responseId,
        request.body
      )
  );

  app.post(
    '/triage/items/:id/moderation',
    {
      ...core,
      schema: {
        summary: 'Hide an item or restore a reported one',
        tags,
        security,
        params: IdParamsSchema,
        body: ModerationBodySchema,
        response: {
          200: TriageItemSchema,
          ...errorResponses(400, 401, 403, 404)
        }
      }
    },
    async request =>
      service.moderate(caller(request), request.params.id, request.body.action)
  );

  app.get(
    '/triage/trends',
    {
      ...core,
      schema: {
        summary:
          'Items per week, state and topic (small anonymous cells suppressed)',
        tags,
        security,
        querystring: TrendsQuerySchema,
        response: { 200: TrendsSchema, ...errorResponses(400, 401, 403) }
      }
    },
    async request => service.trends(request.query)
  );

  app.get(
    '/triage/export',
    {
      ...core,
      schema: {
        summary: 'Export the filtered items as CSV or JSON (audited)',
        tags,
        security,
        querystring: ExportQuerySchema,
        response: { 200: ExportFileSchema, ...errorResponses(400, 401, 403) }
      }
    },
    async (request, reply) => {
      const file = await service.export(caller(request), request.query);
      if (request.query.envelope === 'json') {
        return reply.send({
          filename: file.filename,
          contentType: file.contentType,
          content: file.body
        });
      }
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${file.filename}"`
        )
        .send(file.body);
    }
  );

  app.get(
    '/me/export',
    {
      ...signedIn,
      schema: {
        summary: 'Everything the feedback module holds that names me (JSON)',
        tags,
        security,
        response: { 200: MyExportSchema, ...errorResponses(401, 503) }
      }
    },
    async request => service.exportMine(caller(request))
  );

  app.post(
    '/me/erase',
    {
      ...signedIn,
      schema: {
        summary:
          'Erase my identified items (delete or re-attribute), supports and reports',
        tags,
        security,
        body: EraseBodySchema,
        response: { 200: EraseAnswerSchema, ...errorResponses(400, 401, 503) }
      }
    },
    async request => service.erase(caller(request), request.body.mode)
  );
};
