/** `{prefix}/api/feedback/...`: governance feedback, consultations and Core Team triage (docs/feedback.md). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import { errorBody } from '../../http-errors.js';
import { routeDeclarer } from '../../http-route.js';
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

const signedIn = 'signed-in' as const;
const core = ['core-team'] as const;

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
  // The role is checked before the body is read: a member learns nothing from a Core Team route.
  const route = routeDeclarer(app, ['feedback'], { roleBeforeBody: true });
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
    route({
      summary: 'Topics and limits of the feedback form',
      who: signedIn,
      response: OptionsSchema
    }),
    async () => service.options()
  );

  app.post(
    '/items',
    {
      ...route({
        summary:
          'Send feedback or a consultation reply, identified or anonymous',
        description:
          'Idempotent with `Idempotency-Key`: a repeat answers 200 with the same item and receipt. ' +
          'Anonymous items get a receipt code, shown once.',
        who: signedIn,
        headers: IdempotencyHeadersSchema,
        body: SubmitBodySchema,
        response: SubmitAnswerSchema,
        answers: { 201: SubmitAnswerSchema, 429: RateLimitedSchema },
        errors: [400, 404, 409, 413, 422, 503]
      }),
      ...quiet,
      bodyLimit: SUBMIT_BODY_LIMIT
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
    route({
      summary: "This hub's feedback",
      who: signedIn,
      querystring: ItemsQuerySchema,
      response: ItemPageSchema,
      errors: [400, 503]
    }),
    async request => service.list(caller(request), request.query)
  );

  app.get(
    '/items/:id',
    route({
      summary: 'One item',
      who: signedIn,
      params: IdParamsSchema,
      response: ItemSchema,
      errors: [400, 404, 503]
    }),
    async request => service.item(caller(request), request.params.id)
  );

  app.get(
    '/mine',
    route({
      summary: 'My identified items, with their published responses',
      who: signedIn,
      response: ItemListSchema,
      errors: [503]
    }),
    async request => ({ items: await service.mine(caller(request)) })
  );

  app.post(
    '/mine/lookup',
    {
      ...route({
        summary: 'Items by receipt code (anonymous ones included)',
        who: signedIn,
        body: LookupBodySchema,
        response: LookupAnswerSchema,
        errors: [400, 503]
      }),
      ...quiet
    },
    async request => service.lookup(caller(request), request.body.receipts)
  );

  app.post(
    '/news',
    {
      ...route({
        summary:
          'What is new for me: my items with unseen responses or decisions, and news of followed receipts',
        who: signedIn,
        body: NewsBodySchema,
        response: NewsAnswerSchema,
        errors: [400, 503]
      }),
      // Receipts travel in the body and the request writes no log line: polling ties no one to them.
      ...quiet
    },
    async request => service.news(caller(request), request.body.receipts)
  );

  app.post(
    '/news/seen',
    route({
      summary:
        "I saw my identified items' news (anonymous items keep theirs in the browser)",
      who: signedIn,
      body: SeenBodySchema,
      response: SeenAnswerSchema,
      errors: [400, 503]
    }),
    async request => service.seen(caller(request), request.body.items)
  );

  // Support is one resource: PUT gives it, DELETE takes it back (giving it twice is a 409).
  for (const [method, summary, supported, errors] of [
    ['PUT', 'Support (+1) an item', true, [400, 404, 409]],
    ['DELETE', 'Take back my support', false, [400, 404]]
  ] as const) {
    app.route({
      method,
      url: '/items/:id/support',
      ...route({
        summary,
        who: signedIn,
        params: IdParamsSchema,
        response: SupportAnswerSchema,
        errors
      }),
      handler: async request =>
        service.support(caller(request), request.params.id, supported)
    });
  }

  app.post(
    '/items/:id/withdraw',
    {
      ...route({
        summary: 'Withdraw my item while it is new or under review',
        who: signedIn,
        params: IdParamsSchema,
        body: WithdrawBodySchema,
        response: ItemSchema,
        errors: [400, 403, 404, 409]
      }),
      ...quiet
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
    route({
      summary: 'Report an item (once per person; three reports hide it)',
      who: signedIn,
      params: IdParamsSchema,
      body: ReportBodySchema,
      response: ReportAnswerSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.report(caller(request), request.params.id, request.body.reason)
  );

  app.get(
    '/consultations',
    route({
      summary: "Consultations addressed to this hub's community",
      who: signedIn,
      response: ConsultationListSchema,
      errors: [503]
    }),
    async request => ({
      consultations: await service.consultations(caller(request))
    })
  );

  app.post(
    '/consultations',
    route({
      summary: 'Open a consultation',
      who: core,
      body: ConsultationCreateSchema,
      response: ConsultationSchema,
      status: 201,
      errors: [400]
    }),
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createConsultation(caller(request), request.body))
  );

  app.patch(
    '/consultations/:id',
    route({
      summary: 'Edit a consultation: extend, never shorten once replied',
      who: core,
      params: IdParamsSchema,
      body: ConsultationPatchSchema,
      response: ConsultationSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.updateConsultation(
        caller(request),
        request.params.id,
        request.body
      )
  );

  app.get(
    '/triage/consultations',
    route({
      summary: 'Every consultation, with reply counts',
      who: core,
      response: ConsultationListSchema
    }),
    async request => ({
      consultations: await service.allConsultations(caller(request))
    })
  );

  app.get(
    '/triage/items',
    route({
      summary: 'Items of every hub, filtered',
      who: core,
      querystring: TriageQuerySchema,
      response: TriagePageSchema,
      errors: [400]
    }),
    async request => service.triageList(caller(request), request.query)
  );

  app.get(
    '/triage/items/:id',
    route({
      summary: 'One item with its history and draft responses',
      who: core,
      params: IdParamsSchema,
      response: TriageItemWithHistorySchema,
      errors: [400, 404]
    }),
    async request => service.triageItem(caller(request), request.params.id)
  );

  app.post(
    '/triage/items/:id/transition',
    route({
      summary: 'Move an item along the triage state machine',
      who: core,
      params: IdParamsSchema,
      body: TransitionBodySchema,
      response: TriageItemSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.transition(caller(request), request.params.id, request.body)
  );

  app.post(
    '/triage/items/:id/responses',
    route({
      summary: 'Draft (or publish) a response',
      who: core,
      params: IdParamsSchema,
      body: ResponseCreateSchema,
      response: ResponseSchema,
      status: 201,
      errors: [400, 404]
    }),
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
    route({
      summary: 'Edit a draft response or publish it',
      who: core,
      params: ResponseParamsSchema,
      body: ResponsePatchSchema,
      response: ResponseSchema,
      errors: [400, 404, 409]
    }),
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
    route({
      summary: 'Hide an item or restore a reported one',
      who: core,
      params: IdParamsSchema,
      body: ModerationBodySchema,
      response: TriageItemSchema,
      errors: [400, 404]
    }),
    async request =>
      service.moderate(caller(request), request.params.id, request.body.action)
  );

  app.get(
    '/triage/trends',
    route({
      summary:
        'Items per week, state and topic (small anonymous cells suppressed)',
      who: core,
      querystring: TrendsQuerySchema,
      response: TrendsSchema,
      errors: [400]
    }),
    async request => service.trends(request.query)
  );

  app.get(
    '/triage/export',
    route({
      summary: 'Export the filtered items as CSV or JSON (audited)',
      who: core,
      querystring: ExportQuerySchema,
      response: ExportFileSchema,
      errors: [400]
    }),
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
    route({
      summary: 'Everything the feedback module holds that names me (JSON)',
      who: signedIn,
      response: MyExportSchema,
      errors: [503]
    }),
    async request => service.exportMine(caller(request))
  );

  app.post(
    '/me/erase',
    route({
      summary:
        'Erase my identified items (delete or re-attribute), supports and reports',
      who: signedIn,
      body: EraseBodySchema,
      response: EraseAnswerSchema,
      errors: [400, 503]
    }),
    async request => service.erase(caller(request), request.body.mode)
  );
};
