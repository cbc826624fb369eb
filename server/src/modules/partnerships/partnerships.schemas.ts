/** Wire shapes of the partnership routes. Dates are ISO date strings (`YYYY-MM-DD`), never timestamps. */
import { Type, type TSchema } from 'typebox';
import { CSV_KINDS } from './partnerships.csv.js';
import { OVERRIDE_STATUSES, PHASES } from './partnerships.rules.js';
import {
  CHAMPION_ROLES,
  ENROLMENT_STATUSES,
  PROGRAMMES
} from './partnerships.service.js';

const Nullable = <T extends TSchema>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const literals = (values: readonly string[]) =>
  Type.Union(values.map(v => Type.Literal(v)));

/** A calendar date. */
export const IsoDateSchema = Type.String({
  format: 'date',
  description: 'A calendar date, YYYY-MM-DD.'
});

const Timestamp = Type.String({ format: 'date-time' });
const Reason = Type.String({ maxLength: 2000 });
const Url = Type.String({ maxLength: 2000 });

export const PhaseSchema = literals(PHASES);
export const ChampionRoleSchema = literals(CHAMPION_ROLES);
export const ProgrammeSchema = literals(PROGRAMMES);
export const EnrolmentStatusSchema = literals(ENROLMENT_STATUSES);
export const CsvKindSchema = literals(CSV_KINDS);

/** A guaranteed-service date as typed: a year, a month or a day. */
const GuaranteedServiceInput = Type.String({
  pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
  description:
    '`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; resolved to the last day of that period.'
});

const PersonInputSchema = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 320 })),
    githubHandle: Type.Optional(Type.String({ maxLength: 100 })),
    name: Type.Optional(Type.String({ maxLength: 300 }))
  },
  { additionalProperties: false }
);

const PersonSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Nullable(Type.String()),
  githubHandle: Nullable(Type.String())
});

export const TermStatusSchema = Type.Object({
  status: Type.String(),
  active: Type.Boolean(),
  daysLeft: Type.Integer(),
  renewalDueFrom: Type.String(),
  overridden: Type.Boolean(),
  overrideExpired: Type.Boolean(),
  serviceGuaranteedUntil: Nullable(Type.String()),
  line: Type.String()
});

export const TermSchema = Type.Object({
  id: Type.Integer(),
  communitySlug: Type.String(),
  seq: Type.Integer(),
  startDate: Type.String(),
  endDate: Type.String(),
  guaranteedService: Nullable(
    Type.Object({
      date: Type.String(),
      precision: Type.String(),
      asGiven: Type.String()
    })
  ),
  phase: Type.String(),
  previousTermId: Nullable(Type.Integer()),
  agreementUrl: Type.String(),
  override: Nullable(
    Type.Object({ status: Type.String(), until: Nullable(Type.String()) })
  ),
  status: TermStatusSchema
});

export const RoleAssignmentSchema = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  person: PersonSchema,
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  endReason: Type.String()
});

export const EnrolmentSchema = Type.Object({
  id: Type.Integer(),
  person: PersonSchema,
  communitySlug: Nullable(Type.String()),
  programme: Type.String(),
  cohort: Type.String(),
  language: Type.String(),
  status: Type.String(),
  startedOn: Nullable(Type.String()),
  completedOn: Nullable(Type.String()),
  notes: Type.String(),
  evidenceUrl: Type.String(),
  evidenceState: Type.String(),
  repeatOf: Nullable(Type.Integer())
});

export const ChecklistItemSchema = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  done: Type.Boolean(),
  doneAt: Nullable(Type.String()),
  doneBy: Nullable(Type.String()),
  evidenceUrl: Type.String()
});

export const ReminderSchema = Type.Object({
  id: Type.Integer(),
  communitySlug: Type.Optional(Type.String()),
  kind: Type.String(),
  termId: Nullable(Type.Integer()),
  anchorDate: Type.String(),
  offsetDays: Type.Integer(),
  dueAt: Type.String(),
  state: Type.String()
});

export const SummarySchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  country: Type.String(),
  region: Type.String(),
  language: Type.String(),
  phase: Nullable(Type.String()),
  status: Nullable(Type.String()),
  statusLine: Nullable(Type.String()),
  termId: Nullable(Type.Integer()),
  termSeq: Nullable(Type.Integer()),
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  daysLeft: Nullable(Type.Integer()),
  guaranteedServiceDate: Nullable(Type.String()),
  champions: Type.Object({
    hub_champion: Nullable(Type.String()),
    community_champion: Nullable(Type.String())
  }),
  vacancies: Type.Array(Type.String()),
  checklist: Type.Object({ done: Type.Integer(), total: Type.Integer() }),
  training: Type.Object({ completed: Type.Integer(), total: Type.Integer() })
});

export const CommunityListSchema = Type.Object({
  today: Type.String(),
  communities: Type.Array(SummarySchema)
});

export const HubSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  cluster: Type.String(),
  domain: Type.String(),
  provider: Type.String(),
  region: Type.String(),
  auth: Type.String(),
  adminUsers: Type.Array(Type.String()),
  deployedOn: Nullable(Type.String()),
  decommissionProposedOn: Nullable(Type.String()),
  decommissionedOn: Nullable(Type.String()),
  dataDisposition: Type.String()
});

export const CardSchema = Type.Object({
  community: Type.Object({
    slug: Type.String(),
    name: Type.String(),
    country: Type.String(),
    region: Type.String(),
    language: Type.String(),
    website: Type.String()
  }),
  summary: SummarySchema,
  dates: Type.Object({
    termEnd: Nullable(Type.String()),
    guaranteedService: Nullable(Type.String()),
    decommissionProposed: Nullable(Type.String()),
    decommissioned: Nullable(Type.String())
  }),
  hubs: Type.Array(HubSchema),
  terms: Type.Array(TermSchema),
  history: Type.Array(
    Type.Object({
      termId: Type.Integer(),
      kind: Type.String(),
      from: Nullable(Type.String()),
      to: Nullable(Type.String()),
      at: Timestamp,
      actor: Type.String(),
      reason: Type.String()
    })
  ),
  extensions: Type.Array(
    Type.Object({
      termId: Type.Integer(),
      previousEnd: Type.String(),
      newEnd: Type.String(),
      days: Type.Integer(),
      at: Timestamp,
      actor: Type.String(),
      reason: Type.String()
    })
  ),
  roles: Type.Array(RoleAssignmentSchema),
  vacancies: Type.Array(Type.String()),
  checklist: Type.Array(ChecklistItemSchema),
  enrolments: Type.Array(EnrolmentSchema),
  reminders: Type.Array(ReminderSchema)
});

export const SlugParams = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' })
});
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const RoleParams = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
  role: ChampionRoleSchema
});
export const KindParams = Type.Object({ kind: CsvKindSchema });

export const CommunityBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    country: Type.Optional(Type.String({ maxLength: 100 })),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    language: Type.Optional(Type.String({ maxLength: 35 })),
    website: Type.Optional(Url)
  },
  { additionalProperties: false }
);

export const LinkHubBody = Type.Object(
  { hubId: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false }
);

export const CreateTermBody = Type.Object(
  {
    startDate: IsoDateSchema,
    endDate: Type.Optional(IsoDateSchema),
    phase: Type.Optional(PhaseSchema),
    guaranteedService: Type.Optional(GuaranteedServiceInput),
    agreementUrl: Type.Optional(Url),
    reason: Type.Optional(Reason)
  },
  { additionalProperties: false }
);

export const RenewBody = Type.Object(
  {
    recordedOn: Type.Optional(IsoDateSchema),
    endDate: Type.Optional(IsoDateSchema),
    guaranteedService: Type.Optional(GuaranteedServiceInput),
    agreementUrl: Type.Optional(Url),
    reason: Type.Optional(Reason)
  },
  { additionalProperties: false }
);

export const RenewAnswer = Type.Object({
  term: TermSchema,
  gapDays: Type.Integer({
    description:
      'Days between the previous end and the new start (0: continuous).'
  })
});

export const ExtendBody = Type.Object(
  { endDate: IsoDateSchema, reason: Reason },
  { additionalProperties: false }
);

export const ExtendAnswer = Type.Object({
  term: TermSchema,
  extensionDays: Type.Integer()
});

export const EditTermBody = Type.Object(
  {
    guaranteedService: Type.Optional(Nullable(GuaranteedServiceInput)),
    agreementUrl: Type.Optional(Url)
  },
  { additionalProperties: false }
);

export const TransitionBody = Type.Object(
  { to: PhaseSchema, reason: Reason },
  { additionalProperties: false }
);

export const OverrideBody = Type.Object(
  {
    status: Nullable(literals(OVERRIDE_STATUSES)),
    until: Nullable(IsoDateSchema),
    reason: Reason
  },
  { additionalProperties: false }
);

export const HandoverBody = Type.Object(
  {
    person: PersonInputSchema,
    startDate: IsoDateSchema,
    reason: Type.Optional(Reason)
  },
  { additionalProperties: false }
);

export const EndRoleBody = Type.Object(
  { endDate: IsoDateSchema, reason: Reason },
  { additionalProperties: false }
);

export const TickBody = Type.Object(
  { done: Type.Boolean(), evidenceUrl: Type.Optional(Url) },
  { additionalProperties: false }
);

export const EnrolBody = Type.Object(
  {
    person: PersonInputSchema,
    communitySlug: Type.Optional(Nullable(Type.String())),
    programme: ProgrammeSchema,
    cohort: Type.Optional(Type.String({ maxLength: 100 })),
    language: Type.Optional(Type.String({ maxLength: 35 })),
    status: Type.Optional(EnrolmentStatusSchema),
    startedOn: Type.Optional(Nullable(IsoDateSchema)),
    notes: Type.Optional(Type.String({ maxLength: 5000 }))
  },
  { additionalProperties: false }
);

export const UpdateEnrolmentBody = Type.Object(
  {
    status: Type.Optional(EnrolmentStatusSchema),
    notes: Type.Optional(Type.String({ maxLength: 5000 })),
    completedOn: Type.Optional(Nullable(IsoDateSchema)),
    startedOn: Type.Optional(Nullable(IsoDateSchema)),
    evidenceState: Type.Optional(literals(['accepted', 'rejected']))
  },
  { additionalProperties: false }
);

export const EvidenceBody = Type.Object(
  { evidenceUrl: Url, completedOn: IsoDateSchema },
  { additionalProperties: false }
);

export const RepeatBody = Type.Object(
  {
    cohort: Type.String({ maxLength: 100 }),
    startedOn: Type.Optional(Nullable(IsoDateSchema))
  },
  { additionalProperties: false }
);

export const RemindersQuery = Type.Object({
  due: Type.Optional(Type.Boolean())
});

export const RemindersAnswer = Type.Object({
  reminders: Type.Array(ReminderSchema)
});

export const ImportBody = Type.Object(
  {
    csv: Type.String({ maxLength: 2_000_000 }),
    confirm: Type.Optional(Type.Boolean({ default: false }))
  },
  { additionalProperties: false }
);

export const ImportAnswer = Type.Object({
  kind: Type.String(),
  dryRun: Type.Boolean(),
  summary: Type.Object({
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    errors: Type.Integer()
  }),
  rows: Type.Array(
    Type.Object({
      line: Type.Integer(),
      key: Type.String(),
      action: Type.String(),
      errors: Type.Array(Type.String()),
      info: Type.Array(Type.String())
    })
  )
});

export const ExportQuery = Type.Object({
  status: Type.Optional(
    Type.Boolean({
      description: 'terms only: append derived status,days_left columns'
    })
  )
});

export const DailyAnswer = Type.Object({
  today: Type.String(),
  overridesCleared: Type.Integer(),
  statusChanges: Type.Integer(),
  /** Reminders delivered in-product by this run. */
  delivered: Type.Integer()
});

/** A reminder delivered to the viewer, with when they read it. */
export const InboxReminderSchema = Type.Object({
  id: Type.Integer(),
  communitySlug: Type.String(),
  kind: Type.String(),
  termId: Nullable(Type.Integer()),
  anchorDate: Type.String(),
  offsetDays: Type.Integer(),
  dueAt: Type.String(),
  state: Type.String(),
  sentAt: Type.String(),
  readAt: Nullable(Type.String())
});

export const InboxAnswer = Type.Object({
  reminders: Type.Array(InboxReminderSchema),
  unread: Type.Integer()
});

export const ReminderIdParams = Type.Object({
  id: Type.Integer({ minimum: 1 })
});

export const PersonDataSchema = Type.Object({
  person: PersonSchema,
  roles: Type.Array(RoleAssignmentSchema),
  enrolments: Type.Array(EnrolmentSchema)
});

export const RolesAnswer = Type.Object({
  roles: Type.Array(RoleAssignmentSchema)
});
export const OkAnswer = Type.Object({ ok: Type.Boolean() });

export const HubParams = Type.Object({
  hubId: Type.String({ minLength: 1, maxLength: 255 })
});

export const EditHubBody = Type.Object(
  {
    deployedOn: Type.Optional(Nullable(IsoDateSchema)),
    decommissionProposedOn: Type.Optional(Nullable(IsoDateSchema)),
    decommissionedOn: Type.Optional(Nullable(IsoDateSchema)),
    dataDisposition: Type.Optional(Type.String({ maxLength: 2000 }))
  },
  { additionalProperties: false }
);
