/** Wire shapes of the training routes. */
import { Type, type Static } from 'typebox';
import type { CompiledTutorial } from './tutorial.schema.js';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' });
const Localized = Type.Record(Type.String(), Type.String());
const Status = Type.Union([
  Type.Literal('started'),
  Type.Literal('failed'),
  Type.Literal('passed')
]);

/** A problem in a tutorial file (shown to Hub Champions). */
export const TutorialErrorSchema = Type.Object({
  file: Type.String(),
  line: Type.Integer(),
  field: Type.String(),
  message: Type.String()
});

/** A tutorial in the catalogue, without its steps. */
export const TutorialSummarySchema = Type.Object({
  id: Type.String(),
  version: Type.String(),
  title: Localized,
  languages: Type.Array(Type.String()),
  kernels: Type.Array(Type.String()),
  minutes: Type.Integer(),
  audience: Type.String(),
  prerequisites: Type.Array(Type.String()),
  objectives: Type.Record(Type.String(), Type.Array(Type.String())),
  stepIds: Type.Array(Type.String()),
  fromHub: Type.Boolean({
    description: "Added by this hub's champions, not shipped with Catalyst."
  })
});

/** `GET api/training/tutorials`. */
export const CatalogueSchema = Type.Object({
  tutorials: Type.Array(TutorialSummarySchema),
  errors: Type.Array(TutorialErrorSchema, {
    description: 'Files that failed to compile; only Hub Champions get them.'
  })
});

/** `GET api/training/tutorials/:id`: the compiled tutorial (tutorial.schema.ts validated it). */
export const TutorialSchema = Type.Unsafe<CompiledTutorial>({
  type: 'object',
  additionalProperties: true,
  description: 'A compiled tutorial: front matter fields and `steps`.'
});

/** Path of a tutorial. */
export const TutorialParamsSchema = Type.Object({ id: Slug });

/** Path of one step's progress. */
export const ProgressParamsSchema = Type.Object({
  tutorialId: Slug,
  version: Type.String({ pattern: '^[0-9A-Za-z.+-]{1,40}$' }),
  stepId: Slug
});

/** `PUT api/training/progress/:tutorialId/:version/:stepId` body. */
export const ProgressBodySchema = Type.Object(
  {
    status: Status,
    attempts: Type.Integer({ minimum: 0, maximum: 100000 }),
    hintsUsed: Type.Integer({ minimum: 0, maximum: 1000 }),
    clientTime: Type.String({
      format: 'date-time',
      description: 'When the learner made this change; the newest change wins.'
    }),
    passedAt: Type.Optional(
      Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description:
          'When the step passed on the client; the earliest pass is kept.'
      })
    )
  },
  { additionalProperties: false }
);

/** A progress update. */
export type ProgressBody = Static<typeof ProgressBodySchema>;

/** Optional Idempotency-Key header: the same key twice has one effect and one answer. */
export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 100, pattern: '^[\\w.:-]+$' })
  )
});

/** One step's progress. */
export const ProgressSchema = Type.Object({
  tutorialId: Type.String(),
  version: Type.String(),
  stepId: Type.String(),
  status: Status,
  attempts: Type.Integer(),
  hintsUsed: Type.Integer(),
  firstPassedAt: Type.Union([
    Type.String({ format: 'date-time' }),
    Type.Null()
  ]),
  updatedAt: Type.String({ format: 'date-time' })
});

/** One step's progress. */
export type Progress = Static<typeof ProgressSchema>;

/** `GET api/training/progress`. */
export const MyProgressSchema = Type.Object({
  progress: Type.Array(ProgressSchema)
});

/** `GET api/training/cohort` query. */
export const CohortQuerySchema = Type.Object({
  tutorialId: Type.Optional(Slug)
});

/** `GET api/training/cohort`: every learner of this hub. */
export const CohortSchema = Type.Object({
  hub: Type.String(),
  progress: Type.Array(
    Type.Intersect([ProgressSchema, Type.Object({ user: Type.String() })])
  )
});

/** The cohort answer. */
export type Cohort = Static<typeof CohortSchema>;

const HubName = Type.String({ pattern: '^[\\w.@+-]{1,100}$' });

/** `POST api/training/hub-check` body: one hub check of a tutorial step. */
export const HubCheckSchema = Type.Object(
  {
    type: Type.Literal('hub'),
    user: Type.Optional(HubName),
    server: Type.Optional(Type.String({ pattern: '^[\\w.-]{0,100}$' })),
    exists: Type.Optional(Type.Boolean()),
    running: Type.Optional(Type.Boolean()),
    inGroup: Type.Optional(HubName),
    profile: Type.Optional(Type.String({ minLength: 1, maxLength: 200 }))
  },
  { additionalProperties: false }
);

/** A hub check. */
export type HubCheck = Static<typeof HubCheckSchema>;

/** The hub's verdict on a hub check; `reason` says why it failed. */
export const HubCheckResultSchema = Type.Object({
  passed: Type.Boolean(),
  reason: Type.Union([
    Type.Literal('passed'),
    Type.Literal('no-user'),
    Type.Literal('user-exists'),
    Type.Literal('not-in-group'),
    Type.Literal('not-running'),
    Type.Literal('running'),
    Type.Literal('profile-differs')
  ]),
  user: Type.String(),
  server: Type.Optional(Type.String()),
  group: Type.Optional(Type.String()),
  profile: Type.Optional(Type.Union([Type.String(), Type.Null()]))
});

/** A hub check's verdict. */
export type HubCheckResult = Static<typeof HubCheckResultSchema>;

/** `POST api/training/help` body: the learner is stuck on a step. */
export const HelpBodySchema = Type.Object(
  {
    tutorialId: Slug,
    version: Type.String({ pattern: '^[0-9A-Za-z.+-]{1,40}$' }),
    stepId: Slug,
    note: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: 'What the learner tried, in their words.'
      })
    ),
    context: Type.Optional(
      Type.Object(
        {
          attempts: Type.Integer({ minimum: 0, maximum: 100000 }),
          hintsUsed: Type.Integer({ minimum: 0, maximum: 1000 }),
          reasons: Type.Array(Type.String({ maxLength: 40 }), {
            maxItems: 20
          }),
          language: Type.String({ pattern: '^[a-z]{2}$' })
        },
        {
          additionalProperties: false,
          description:
            "The step's attempts, hints and last check's reasons; sent only with the learner's consent."
        }
      )
    )
  },
  { additionalProperties: false }
);

/** A help request body. */
export type HelpBody = Static<typeof HelpBodySchema>;

/** Idempotency-Key is required here: a resent "I'm stuck" is the same request. */
export const RequiredIdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 100,
    pattern: '^[\\w.:-]+$'
  })
});

/** One help request as champions see it. */
export const HelpRequestSchema = Type.Object({
  id: Type.String(),
  user: Type.String(),
  tutorialId: Type.String(),
  version: Type.String(),
  stepId: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  context: Type.Union([
    Type.Record(Type.String(), Type.Unknown()),
    Type.Null()
  ]),
  createdAt: Type.String({ format: 'date-time' }),
  resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  resolvedBy: Type.Union([Type.String(), Type.Null()])
});

/** A help request. */
export type HelpRequest = Static<typeof HelpRequestSchema>;

/** `GET api/training/help`. */
export const HelpListSchema = Type.Object({
  requests: Type.Array(HelpRequestSchema)
});

/** `GET api/training/help` query. */
export const HelpQuerySchema = Type.Object({
  open: Type.Optional(Type.Boolean({ description: 'Only unresolved ones.' }))
});

/** Path of one help request. */
export const HelpParamsSchema = Type.Object({
  id: Type.String({ format: 'uuid' })
});

/** `PUT api/training/hub-tutorials` body: a tutorial file for this hub. */
export const HubTutorialBodySchema = Type.Object(
  {
    fileName: Type.String({ pattern: '^[\\w.-]{1,100}\\.md$' }),
    source: Type.String({ minLength: 1, maxLength: 200000 })
  },
  { additionalProperties: false }
);

/** The answer to an upload: the stored version and which steps keep learners' passes. */
export const HubTutorialResultSchema = Type.Object({
  tutorial: TutorialSummarySchema,
  carriesFrom: Type.Union([
    Type.Object({ version: Type.String(), steps: Type.Array(Type.String()) }),
    Type.Null()
  ])
});

/** A file that does not compile: every error with its line and field. */
export const TutorialInvalidSchema = Type.Object({
  statusCode: Type.Literal(422),
  error: Type.String(),
  code: Type.Literal('tutorial_invalid'),
  message: Type.String(),
  errors: Type.Array(TutorialErrorSchema)
});
