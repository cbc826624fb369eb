/** `{prefix}/api/partnerships/...`: communities, terms, champions, checklists, training, reminders, CSV. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { routeDeclarer } from '../../http-route.js';
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

const core = ['core-team'] as const;
const champions = ['core-team', 'hub-champion', 'community-champion'] as const;

const routes: FastifyPluginAsyncTypebox<{ config: Config }> = async app => {
  const { service, transfer } = app.partnerships;
  const route = routeDeclarer(app, ['partnerships']);
  const actor = (request: FastifyRequest) => request.user.sub;

  app.get(
    '/communities',
    route({
      summary: 'All communities, renewal-due first',
      who: core,
      response: CommunityListSchema
    }),
    async () => ({ today: service.today(), communities: await service.list() })
  );

  app.get(
    '/own',
    route({
      summary: "The card of this hub's own community",
      who: champions,
      response: CardSchema,
      errors: [404]
    }),
    async request => service.ownCard(viewer(request))
  );

  app.get(
    '/communities/:slug',
    route({
      summary: "A community's card",
      who: champions,
      params: SlugParams,
      response: CardSchema,
      errors: [404]
    }),
    async request => service.card(viewer(request), request.params.slug)
  );

  app.put(
    '/communities/:slug',
    route({
      summary: 'Create or update a community',
      who: core,
      params: SlugParams,
      body: CommunityBody,
      response: OkAnswer,
      errors: [400]
    }),
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
    route({
      summary: 'Link a hub to the community',
      who: core,
      params: SlugParams,
      body: LinkHubBody,
      response: OkAnswer,
      errors: [400, 404]
    }),
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
    route({
      summary: "A hub's deployment and (proposed, actual) decommission dates",
      who: core,
      params: HubParams,
      body: EditHubBody,
      response: HubSchema,
      errors: [400, 404]
    }),
    async request =>
      service.editHub(actor(request), request.params.hubId, request.body)
  );

  app.post(
    '/communities/:slug/terms',
    route({
      summary: 'Add a term (after the latest; overlaps are refused)',
      who: core,
      params: SlugParams,
      body: CreateTermBody,
      response: TermSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.createTerm(actor(request), request.params.slug, request.body)
  );

  app.get(
    '/terms/:id',
    route({
      summary: 'A term with its derived status',
      who: champions,
      params: IdParams,
      response: TermSchema,
      errors: [404]
    }),
    async request => service.term(viewer(request), request.params.id)
  );

  app.patch(
    '/terms/:id',
    route({
      summary: 'Edit the guaranteed-service date or agreement link',
      who: core,
      params: IdParams,
      body: EditTermBody,
      response: TermSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.editTerm(actor(request), request.params.id, request.body)
  );

  app.post(
    '/terms/:id/renew',
    {
      ...route({
        summary: 'Renew the latest active term (a new row)',
        who: core,
        params: IdParams,
        body: RenewBody,
        response: RenewAnswer,
        errors: [400, 404, 409]
      }),
      // Every field is optional, so a renewal may come with no body at all.
      preValidation: async request => {
        request.body ??= {};
      }
    },
    async request =>
      service.renew(actor(request), request.params.id, request.body)
  );

  app.post(
    '/terms/:id/extend',
    route({
      summary: 'Extend the end date (stored with its day count)',
      who: core,
      params: IdParams,
      body: ExtendBody,
      response: ExtendAnswer,
      errors: [400, 404, 409]
    }),
    async request =>
      service.extend(actor(request), request.params.id, request.body)
  );

  app.post(
    '/terms/:id/transition',
    route({
      summary: 'Move the term to another phase',
      who: core,
      params: IdParams,
      body: TransitionBody,
      response: TermSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.transition(actor(request), request.params.id, request.body)
  );

  app.put(
    '/terms/:id/override',
    route({
      summary: 'Set (or clear, with status null) a status override',
      who: core,
      params: IdParams,
      body: OverrideBody,
      response: TermSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.setOverride(actor(request), request.params.id, request.body)
  );

  app.post(
    '/communities/:slug/roles/:role/handover',
    route({
      summary: 'Hand a champion role to a person from a date',
      who: core,
      params: RoleParams,
      body: HandoverBody,
      response: RolesAnswer,
      errors: [400, 404, 409]
    }),
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
    route({
      summary: "End the current holder's assignment (the role becomes vacant)",
      who: core,
      params: RoleParams,
      body: EndRoleBody,
      response: RolesAnswer,
      errors: [400, 404, 409]
    }),
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
    route({
      summary: 'Tick or untick a responsibility',
      who: champions,
      params: IdParams,
      body: TickBody,
      response: ChecklistItemSchema,
      errors: [400, 404]
    }),
    async request =>
      service.tick(viewer(request), request.params.id, request.body)
  );

  app.post(
    '/enrolments',
    route({
      summary: 'Enrol a person in a programme',
      who: core,
      body: EnrolBody,
      response: EnrolmentSchema,
      errors: [400, 404, 409]
    }),
    async request => service.enrol(actor(request), request.body)
  );

  app.patch(
    '/enrolments/:id',
    route({
      summary: 'Change status, notes or dates; accept or reject evidence',
      who: core,
      params: IdParams,
      body: UpdateEnrolmentBody,
      response: EnrolmentSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.updateEnrolment(actor(request), request.params.id, request.body)
  );

  app.post(
    '/enrolments/:id/evidence',
    route({
      summary:
        'Submit evidence of completion (not evaluated until the Core Team accepts it)',
      who: champions,
      params: IdParams,
      body: EvidenceBody,
      response: EnrolmentSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.submitEvidence(viewer(request), request.params.id, request.body)
  );

  app.post(
    '/enrolments/:id/evidence/training',
    route({
      summary:
        'Offer my own training-panel progress as Hub Champion training evidence (read by the service, not sent)',
      // Whoever is enrolled may offer their own progress, champion or not yet; the service refuses others.
      who: 'signed-in',
      params: IdParams,
      response: EnrolmentSchema,
      errors: [403, 404, 409]
    }),
    async request =>
      service.offerTrainingEvidence(viewer(request), request.params.id)
  );

  app.post(
    '/enrolments/:id/repeat',
    route({
      summary: 'Enrol the same person again (a new row)',
      who: core,
      params: IdParams,
      body: RepeatBody,
      response: EnrolmentSchema,
      errors: [400, 404, 409]
    }),
    async request =>
      service.repeat(actor(request), request.params.id, request.body)
  );

  app.get(
    '/reminders',
    route({
      summary: 'Scheduled reminders (champions: their community only)',
      who: champions,
      querystring: RemindersQuery,
      response: RemindersAnswer
    }),
    async request => ({
      reminders: await service.reminders(
        viewer(request),
        request.query.due ?? false
      )
    })
  );

  app.get(
    '/reminders/inbox',
    route({
      summary:
        'Reminders delivered to me (Core Team: every community; champions: their own, for their role)',
      who: champions,
      response: InboxAnswer
    }),
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
    route({
      summary: 'Mark a delivered reminder read (for me only)',
      who: champions,
      params: ReminderIdParams,
      response: InboxReminderSchema,
      errors: [404]
    }),
    async request => service.markRead(viewer(request), request.params.id)
  );

  app.post(
    '/jobs/daily',
    route({
      summary:
        'Run the daily refresh now (expired overrides, status cache, reminders)',
      who: core,
      response: DailyAnswer
    }),
    async request => service.daily(actor(request))
  );

  app.post(
    '/import/:kind',
    route({
      summary: 'Import a CSV: a dry run unless confirm is true',
      who: core,
      params: KindParams,
      body: ImportBody,
      response: ImportAnswer,
      errors: [400, 413]
    }),
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
    route({
      summary: 'Export a CSV with the import headers',
      who: core,
      params: KindParams,
      querystring: ExportQuery,
      produces: ['text/csv'],
      response: { type: 'string' }
    }),
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
    route({
      summary:
        'My own partnership data (roles and enrolments), matched by my hub user name',
      // Anyone may export what is stored about them.
      who: 'signed-in',
      response: PersonDataSchema,
      errors: [404]
    }),
    async request => service.myData(viewer(request))
  );

  app.get(
    '/people/:id',
    route({
      summary: 'Everything stored about a person (their data export)',
      who: core,
      params: IdParams,
      response: PersonDataSchema,
      errors: [404]
    }),
    async request => service.personData(request.params.id)
  );

  app.delete(
    '/people/:id',
    route({
      summary:
        'Erase a person, their role assignments, enrolments and training help requests',
      who: core,
      params: IdParams,
      response: OkAnswer,
      errors: [404]
    }),
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
