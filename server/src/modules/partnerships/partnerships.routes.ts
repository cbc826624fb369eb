/** `{prefix}/api/partnerships/...`: communities, terms, champions, checklists, training, reminders, CSV. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { errorResponses } from '../../http-errors.js';
import {
  CardSchema,
  CommunityBody,
  CommunityListSchema,
  CreateTermBody,
  DailyAnswer,
  EditHubBody,
  EditTermBody,
  EndRoleBody,
  EnrolBody,
  EnrolmentSchema,
  EvidenceBody,
  ExportQuery,
  ExtendAnswer,
  ExtendBody,
  HandoverBody,
  HubParams,
  HubSchema,
  IdParams,
  ImportAnswer,
  ImportBody,
  KindParams,
  LinkHubBody,
  OkAnswer,
  OverrideBody,
  PersonDataSchema,
  InboxAnswer,
  InboxReminderSchema,
  ReminderIdParams,
  RemindersAnswer,
  RemindersQuery,
  RenewAnswer,
  RenewBody,
  RepeatBody,
  RoleParams,
  RolesAnswer,
  SlugParams,
  ChecklistItemSchema,
  TermSchema,
  TickBody,
  TransitionBody,
  UpdateEnrolmentBody
} from './partnerships.schemas.js';
import { seedDemo } from './partnerships.seed.js';
import {
  createPartnershipsService,
  type Clock,
  type PartnershipsService,
  type Viewer
} from './partnerships.service.js';
import { loadHubChampionCourse } from './partnerships.training-evidence.js';
import { SHIPPED_TUTORIALS } from '../training/training.routes.js';
import {
  createTransferService,
  type TransferService
} from './partnerships.transfer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The partnership service and its clock (tests move the clock). */
    partnerships: {
      service: PartnershipsService;
      transfer: TransferService;
      clock: Clock;
    };
  }
}

const viewer = (request: FastifyRequest): Viewer => ({
  name: request.user.sub,
  roles: request.user.roles
});

const CHAMPIONS = ['core-team', 'hub-champion', 'community-champion'] as const;
const tags = ['partnerships'];
const security = [{ session: [] }];

const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async app => {
  const { service, transfer } = app.partnerships;
  const core = {
    onRequest: [app.authenticate],
    preHandler: app.requireRole('core-team')
  };
  const champions = {
    onRequest: [app.authenticate],
    preHandler: app.requireRole(...CHAMPIONS)
  };
  const actor = (request: FastifyRequest) => request.user.sub;

  app.get(
    '/communities',
    {
      schema: {
        summary: 'All communities, renewal-due first',
        tags,
        security,
        response: { 200: CommunityListSchema, ...errorResponses(401, 403) }
      },
      ...core
    },
    async () => ({ today: service.today(), communities: await service.list() })
  );

  app.get(
    '/own',
    {
      schema: {
        summary: "The card of this hub's own community",
        tags,
        security,
        response: { 200: CardSchema, ...errorResponses(401, 403, 404) }
      },
      ...champions
    },
    async request => service.ownCard(viewer(request))
  );

  app.get(
    '/communities/:slug',
    {
      schema: {
        summary: "A community's card",
        tags,
        security,
        params: SlugParams,
        response: { 200: CardSchema, ...errorResponses(401, 403, 404) }
      },
      ...champions
    },
    async request => service.card(viewer(request), request.params.slug)
  );

  app.put(
    '/communities/:slug',
    {
      schema: {
        summary: 'Create or update a community',
        tags,
        security,
        params: SlugParams,
        body: CommunityBody,
        response: { 200: OkAnswer, ...errorResponses(400, 401, 403) }
      },
      ...core
    },
    async request => {
      const b = request.body;
      await service.upsertCommunity(actor(request), {
        id: request.params.slug,
        name: b.name,
        country: b.country ?? '',
        region: b.region ?? '',
        language: b.language ?? 'en',
        website: b.website ?? ''
      });
      return { ok: true };
    }
  );

  app.post(
    '/communities/:slug/hubs',
    {
      schema: {
        summary: 'Link a hub to the community',
        tags,
        security,
        params: SlugParams,
        body: LinkHubBody,
        response: { 200: OkAnswer, ...errorResponses(400, 401, 403, 404) }
      },
      ...core
    },
    async request => {
      await service.linkHub(
        actor(request),
        request.body.hubId,
        request.params.slug
      );
      return { ok: true };
    }
  );

  app.patch(
    '/hubs/:hubId',
    {
      schema: {
        summary: "A hub's deployment and (proposed, actual) decommission dates",
        tags,
        security,
        params: HubParams,
        body: EditHubBody,
        response: { 200: HubSchema, ...errorResponses(400, 401, 403, 404) }
      },
      ...core
    },
    async request =>
      service.editHub(actor(request), request.params.hubId, request.body)
  );

  app.post(
    '/communities/:slug/terms',
    {
      schema: {
        summary: 'Add a term (after the latest; overlaps are refused)',
        tags,
        security,
        params: SlugParams,
        body: CreateTermBody,
        response: {
          200: TermSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request =>
      service.createTerm(actor(request), request.params.slug, request.body)
  );

  app.get(
    '/terms/:id',
    {
      schema: {
        summary: 'A term with its derived status',
        tags,
        security,
        params: IdParams,
        response: { 200: TermSchema, ...errorResponses(401, 403, 404) }
      },
      ...champions
    },
    async request => service.term(viewer(request), request.params.id)
  );

  app.patch(
    '/terms/:id',
    {
      schema: {
        summary: 'Edit the guaranteed-service date or agreement link',
        tags,
        security,
        params: IdParams,
        body: EditTermBody,
        response: {
          200: TermSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request =>
      service.editTerm(actor(request), request.params.id, request.body)
  );

  app.post(
    '/terms/:id/renew',
    {
      schema: {
        summary: 'Renew the latest active term (a new row)',
        tags,
        security,
        params: IdParams,
        body: RenewBody,
        response: {
          200: RenewAnswer,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core,
      preValidation: async request => {
        request.body ??= {};
      }
    },
    async request =>
      service.renew(actor(request), request.params.id, request.body)
  );

  app.post(
    '/terms/:id/extend',
    {
      schema: {
        summary: 'Extend the end date (stored with its day count)',
        tags,
        security,
        params: IdParams,
        body: ExtendBody,
        response: {
          200: ExtendAnswer,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request =>
      service.extend(actor(request), request.params.id, request.body)
  );

  app.post(
    '/terms/:id/transition',
    {
      schema: {
        summary: 'Move the term to another phase',
        tags,
        security,
        params: IdParams,
        body: TransitionBody,
        response: {
          200: TermSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request =>
      service.transition(actor(request), request.params.id, request.body)
  );

  app.put(
    '/terms/:id/override',
    {
      schema: {
        summary: 'Set (or clear, with status null) a status override',
        tags,
        security,
        params: IdParams,
        body: OverrideBody,
        response: {
          200: TermSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request =>
      service.setOverride(actor(request), request.params.id, request.body)
  );

  app.post(
    '/communities/:slug/roles/:role/handover',
    {
      schema: {
        summary: 'Hand a champion role to a person from a date',
        tags,
        security,
        params: RoleParams,
        body: HandoverBody,
        response: {
          200: RolesAnswer,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request => ({
      roles: await service.handover(
        actor(request),
        request.params.slug,
        request.params.role,
        request.body
      )
    })
  );

  app.post(
    '/communities/:slug/roles/:role/end',
    {
      schema: {
        summary:
          "End the current holder's assignment (the role becomes vacant)",
        tags,
        security,
        params: RoleParams,
        body: EndRoleBody,
        response: {
          200: RolesAnswer,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request => ({
      roles: await service.endRole(
        actor(request),
        request.params.slug,
        request.params.role,
        request.body
      )
    })
  );

  app.put(
    '/checklist/:id',
    {
      schema: {
        summary: 'Tick or untick a responsibility',
        tags,
        security,
        params: IdParams,
        body: TickBody,
        response: {
          200: ChecklistItemSchema,
          ...errorResponses(400, 401, 403, 404)
        }
      },
      ...champions
    },
    async request =>
      service.tick(viewer(request), request.params.id, request.body)
  );

  app.post(
    '/enrolments',
    {
      schema: {
        summary: 'Enrol a person in a programme',
        tags,
        security,
        body: EnrolBody,
        response: {
          200: EnrolmentSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request => service.enrol(actor(request), request.body)
  );

  app.patch(
    '/enrolments/:id',
    {
      schema: {
        summary: 'Change status, notes or dates; accept or reject evidence',
        tags,
        security,
        params: IdParams,
        body: UpdateEnrolmentBody,
        response: {
          200: EnrolmentSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request =>
      service.updateEnrolment(actor(request), request.params.id, request.body)
  );

  app.post(
    '/enrolments/:id/evidence',
    {
      schema: {
        summary:
          'Submit evidence of completion (not evaluated until the Core Team accepts it)',
        tags,
        security,
        params: IdParams,
        body: EvidenceBody,
        response: {
          200: EnrolmentSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...champions
    },
    async request =>
      service.submitEvidence(viewer(request), request.params.id, request.body)
  );

  app.post(
    '/enrolments/:id/evidence/training',
    {
      schema: {
        summary:
          'Offer my own training-panel progress as Hub Champion training evidence (read by the service, not sent)',
        tags,
        security,
        params: IdParams,
        response: {
          200: EnrolmentSchema,
          ...errorResponses(401, 403, 404, 409)
        }
      },
      // Whoever is enrolled may offer their own progress, champion or not yet.
      onRequest: [app.authenticate]
    },
    async request =>
      service.offerTrainingEvidence(viewer(request), request.params.id)
  );

  app.post(
    '/enrolments/:id/repeat',
    {
      schema: {
        summary: 'Enrol the same person again (a new row)',
        tags,
        security,
        params: IdParams,
        body: RepeatBody,
        response: {
          200: EnrolmentSchema,
          ...errorResponses(400, 401, 403, 404, 409)
        }
      },
      ...core
    },
    async request =>
      service.repeat(actor(request), request.params.id, request.body)
  );

  app.get(
    '/reminders',
    {
      schema: {
        summary: 'Scheduled reminders (champions: their community only)',
        tags,
        security,
        querystring: RemindersQuery,
        response: { 200: RemindersAnswer, ...errorResponses(401, 403) }
      },
      ...champions
    },
    async request => ({
      reminders: await service.reminders(
        viewer(request),
        request.query.due ?? false
      )
    })
  );

  app.get(
    '/reminders/inbox',
    {
      schema: {
        summary:
          'Reminders delivered to me (Core Team: every community; champions: their own, for their role)',
        tags,
        security,
        response: { 200: InboxAnswer, ...errorResponses(401, 403) }
      },
      ...champions
    },
    async request => {
      const reminders = await service.inbox(viewer(request));
      return {
        reminders,
        unread: reminders.filter(r => r.readAt === null).length
      };
    }
  );

  app.post(
    '/reminders/:id/read',
    {
      schema: {
        summary: 'Mark a delivered reminder read (for me only)',
        tags,
        security,
        params: ReminderIdParams,
        response: {
          200: InboxReminderSchema,
          ...errorResponses(401, 403, 404)
        }
      },
      ...champions
    },
    async request => service.markRead(viewer(request), request.params.id)
  );

  app.post(
    '/jobs/daily',
    {
      schema: {
        summary:
          'Run the daily refresh now (expired overrides, status cache, reminders)',
        tags,
        security,
        response: { 200: DailyAnswer, ...errorResponses(401, 403) }
      },
      ...core
    },
    async request => service.daily(actor(request))
  );

  app.post(
    '/import/:kind',
    {
      schema: {
        summary: 'Import a CSV: a dry run unless confirm is true',
        tags,
        security,
        params: KindParams,
        body: ImportBody,
        response: { 200: ImportAnswer, ...errorResponses(400, 401, 403, 413) }
      },
      ...core
    },
    async request =>
      transfer.importCsv(
        actor(request),
        request.params.kind,
        request.body.csv,
        request.body.confirm ?? false
      )
  );

  app.get(
    '/export/:kind',
    {
      schema: {
        summary: 'Export a CSV with the import headers',
        tags,
        security,
        params: KindParams,
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: { 200: { type: 'string' }, ...errorResponses(401, 403) }
      },
      ...core
    },
    async (request, reply) => {
      const csv = await transfer.exportCsv(
        request.params.kind,
        request.query.status ?? false
      );
      await service.repo.audit({
        hub_id: app.partnershipsHubId,
        actor: actor(request),
        action: 'partnerships.export',
        target: request.params.kind,
        outcome: 'ok',
        detail: {}
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${request.params.kind}.csv"`
        )
        .send(csv);
    }
  );

  app.get(
    '/me',
    {
      schema: {
        summary:
          'My own partnership data (roles and enrolments), matched by my hub user name',
        tags,
        security,
        response: { 200: PersonDataSchema, ...errorResponses(401, 404) }
      },
      // Anyone may export what is stored about them.
      onRequest: [app.authenticate]
    },
    async request => service.myData(viewer(request))
  );

  app.get(
    '/people/:id',
    {
      schema: {
        summary: 'Everything stored about a person (their data export)',
        tags,
        security,
        params: IdParams,
        response: { 200: PersonDataSchema, ...errorResponses(401, 403, 404) }
      },
      ...core
    },
    async request => service.personData(request.params.id)
  );

  app.delete(
    '/people/:id',
    {
      schema: {
        summary: 'Erase a person, their role assignments and enrolments',
        tags,
        security,
        params: IdParams,
        response: { 200: OkAnswer, ...errorResponses(401, 403, 404) }
      },
      ...core
    },
    async request => {
      await service.erasePerson(actor(request), request.params.id);
      return { ok: true };
    }
  );
};

declare module 'fastify' {
  interface FastifyInstance {
    partnershipsHubId: string;
  }
}

/** Options of the partnerships plugin. */
export interface PartnershipsOptions {
  config: Config;
  /** The route prefix, `${config.prefix}/api/partnerships`. */
  prefix?: string;
  /** The zone that decides what "today" is (default: config.partnershipsZone). */
  zone?: string;
  /** Where the Hub Champion tutorials are read from (default: the shipped `tutorials/`). */
  tutorialsDir?: string;
  /** Seed demo communities when the tables are empty (default: config.demoSeed). */
  demoSeed?: boolean;
}

/** The service (decorated on the root so that tests can move its clock), the daily job and the routes. */
async function partnershipsPlugin(
  app: FastifyInstance,
  options: PartnershipsOptions
): Promise<void> {
  const { config } = options;
  const clock: Clock = {
    now: () => new Date(),
    zone: options.zone ?? config.partnershipsZone
  };
  const service = createPartnershipsService({
    db: app.db,
    hubId: config.hubId,
    clock,
    course: await loadHubChampionCourse(
      options.tutorialsDir ?? SHIPPED_TUTORIALS
    )
  });
  const transfer = createTransferService({
    db: app.db,
    hubId: config.hubId,
    service
  });
  app.decorate('partnerships', { service, transfer, clock });
  app.decorate('partnershipsHubId', config.hubId);

  const seed = options.demoSeed ?? config.demoSeed;
  if (seed) {
    const seeded = await seedDemo(service, { hubId: config.hubId });
    app.log.info({ seeded }, 'partnerships: demo seed');
  }

  // The daily refresh: at start, then every six hours (it is idempotent).
  const run = () =>
    service
      .daily()
      .catch((error: unknown) =>
        app.log.warn({ err: error }, 'partnerships: daily refresh failed')
      );
  const timer = setInterval(() => void run(), 6 * 3600 * 1000);
  timer.unref();
  // Reminders are due at 09:00 in their zone: look every five minutes so they arrive on time.
  const delivery = setInterval(
    () =>
      void service
        .deliver()
        .catch((error: unknown) =>
          app.log.warn({ err: error }, 'partnerships: reminder delivery failed')
        ),
    5 * 60 * 1000
  );
  delivery.unref();
  app.addHook('onReady', async () => {
    await run();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    clearInterval(delivery);
  });

  await app.register(routes, {
    prefix: options.prefix ?? `${config.prefix}/api/partnerships`,
    config
  });
}

export default fp(partnershipsPlugin, {
  name: 'partnerships',
  dependencies: ['database', 'auth'],
  fastify: '5.x'
});
