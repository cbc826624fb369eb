/** Wire shapes of the feedback routes (docs/feedback.md). */
import { Type, type Static, type TSchema } from 'typebox';
import { ErrorSchema } from '../../http-errors.js';
import { STATES, TOPICS } from './feedback.rules.js';

const Nullable = <T extends TSchema>(schema: T) =>
  Type.Union([schema, Type.Null()]);
// Unsafe keeps the JSON Schema of the union and gives TypeScript the union of the literals.
const literals = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>(Type.Union(values.map(v => Type.Literal(v))));
const strict = { additionalProperties: false } as const;

/** Submission limits, shared with `GET options`. */
export const LIMITS = {
  titleMin: 10,
  titleMax: 120,
  bodyMax: 4000,
  perDay: 10,
  perSecond: 1,
  receiptsPerLookup: 20
} as const;

/** Largest `POST items` request: 4,000 characters of up to 4 UTF-8 bytes plus the rest. */
export const SUBMIT_BODY_LIMIT = 24 * 1024;

const Id = Type.String({ format: 'uuid' });
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,79}$' });
const Timestamp = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ format: 'date' });

export const StateSchema = literals(STATES);
export const TopicSchema = literals(TOPICS);
export const LangSchema = Type.String({
  pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$',
  description: 'A BCP-47 language tag, e.g. es or pt-BR.'
});
const Receipt = Type.String({ minLength: 16, maxLength: 40 });
const ReportReason = literals(['spam', 'offensive', 'personal_data', 'other']);

/** Where the input arose; attached only when the person ticks it. */
export const ContextSchema = Type.Object(
  {
    kind: literals(['notebook', 'tutorial']),
    path: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    tutorialId: Type.Optional(Slug),
    step: Type.Optional(Slug)
  },
  strict
);

/** `POST items` body. */
export const SubmitBodySchema = Type.Object(
  {
    title: Type.String({
      minLength: LIMITS.titleMin,
      maxLength: LIMITS.titleMax
    }),
    body: Type.String({ minLength: 1, maxLength: LIMITS.bodyMax }),
    lang: LangSchema,
    topic: Type.Optional(TopicSchema),
    consultationId: Type.Optional(Id),
    anonymous: Type.Optional(Type.Boolean()),
    context: Type.Optional(ContextSchema)
  },
  strict
);
export type SubmitBody = Static<typeof SubmitBodySchema>;

/** Headers of `POST items`. */
export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 128, pattern: '^[\\w.:-]+$' })
  )
});

/** A Core Team answer. */
export const ResponseSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  lang: Type.String(),
  status: literals(['draft', 'published']),
  publishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  author: Type.Optional(Type.String())
});
export type ResponseOut = Static<typeof ResponseSchema>;

const itemFields = {
  id: Type.String(),
  hubId: Type.String(),
  topic: Nullable(Type.String()),
  consultationId: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
  lang: Type.String(),
  context: Nullable(
    Type.Object({
      kind: Type.String(),
      path: Type.Optional(Type.String()),
      tutorialId: Type.Optional(Type.String()),
      step: Type.Optional(Type.String())
    })
  ),
  anonymous: Type.Boolean(),
  state: Type.String(),
  mergedInto: Nullable(Type.String()),
  createdOn: Type.String(),
  supportCount: Type.Integer(),
  supportedByMe: Type.Boolean(),
  mine: Type.Boolean(),
  responses: Type.Array(ResponseSchema)
};

/** An item as members see it. */
export const ItemSchema = Type.Object(itemFields);
export type Item = Static<typeof ItemSchema>;

/** An item as the Core Team sees it. */
export const TriageItemSchema = Type.Object({
  ...itemFields,
  author: Nullable(Type.String()),
  authorship: literals(['identified', 'anonymous', 'former']),
  communityId: Nullable(Type.String()),
  reportCount: Type.Integer(),
  hidden: Type.Boolean(),
  updatedAt: Nullable(Type.String())
});
export type TriageItem = Static<typeof TriageItemSchema>;

/** One history line. */
export const HistoryEntrySchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  kind: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  actorRole: Type.String(),
  actor: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: Type.String()
});
export type HistoryEntry = Static<typeof HistoryEntrySchema>;

export const TriageItemWithHistorySchema = Type.Object({
  ...TriageItemSchema.properties,
  history: Type.Array(HistoryEntrySchema)
});

/** `POST items` answer. */
export const SubmitAnswerSchema = Type.Object({
  item: ItemSchema,
  receipt: Nullable(Type.String())
});

export const ItemPageSchema = Type.Object({
  items: Type.Array(ItemSchema),
  nextCursor: Nullable(Type.String())
});
export const TriagePageSchema = Type.Object({
  items: Type.Array(TriageItemSchema),
  nextCursor: Nullable(Type.String())
});
export const ItemListSchema = Type.Object({ items: Type.Array(ItemSchema) });

const Cursor = Type.String({ maxLength: 200 });
const Limit = Type.Integer({ minimum: 1, maximum: 50, default: 20 });

/** `GET items` query. */
export const ItemsQuerySchema = Type.Object(
  {
    topic: Type.Optional(TopicSchema),
    consultationId: Type.Optional(Id),
    state: Type.Optional(StateSchema),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit)
  },
  strict
);
export type ItemsQuery = Static<typeof ItemsQuerySchema>;

const triageFilters = {
  state: Type.Optional(StateSchema),
  hub: Type.Optional(Type.String({ maxLength: 63 })),
  community: Type.Optional(Type.String({ maxLength: 100 })),
  consultation: Type.Optional(Id),
  language: Type.Optional(LangSchema),
  topic: Type.Optional(TopicSchema),
  hidden: Type.Optional(Type.Boolean())
};

/** `GET triage/items` query. */
export const TriageQuerySchema = Type.Object(
  {
    ...triageFilters,
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit)
  },
  strict
);
export type TriageQuery = Static<typeof TriageQuerySchema>;
/** The triage filters alone. */
export type TriageFilters = Omit<TriageQuery, 'cursor' | 'limit'>;

/** `GET triage/export` query. */
export const ExportQuerySchema = Type.Object(
  {
    ...triageFilters,
    format: literals(['csv', 'json']),
    separator: Type.Optional(literals([',', ';'])),
    envelope: Type.Optional(literals(['json']))
  },
  strict
);
export type ExportQuery = Static<typeof ExportQuerySchema>;

/** `GET triage/trends` query. */
export const TrendsQuerySchema = Type.Object(
  {
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    hub: triageFilters.hub,
    community: triageFilters.community,
    consultation: triageFilters.consultation,
    topic: triageFilters.topic
  },
  strict
);
export type TrendsQuery = Static<typeof TrendsQuerySchema>;

export const TrendsSchema = Type.Object({
  weeks: Type.Array(
    Type.Object({
      week: Type.String(),
      state: Type.String(),
      topic: Type.String(),
      count: Nullable(Type.Integer()),
      suppressed: Type.Boolean()
    })
  )
});

export const IdParamsSchema = Type.Object({ id: Id });
export const ResponseParamsSchema = Type.Object({
  id: Id,
  responseId: Id
});

export const LookupBodySchema = Type.Object(
  {
    receipts: Type.Array(Receipt, {
      minItems: 1,
      maxItems: LIMITS.receiptsPerLookup
    })
  },
  strict
);
/** `POST news`: the receipts this browser follows (none for identified items only). */
export const NewsBodySchema = Type.Object(
  {
    receipts: Type.Array(Receipt, { maxItems: LIMITS.receiptsPerLookup })
  },
  strict
);

/** What is new: my identified items with unseen news, and when followed receipts' items last had news. */
export const NewsAnswerSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), newsAt: Type.String() })),
  receipts: Type.Array(
    Type.Object({
      receipt: Type.String(),
      id: Type.String(),
      newsAt: Nullable(Type.String())
    })
  )
});

/** `POST news/seen`: the author saw these items' news up to `through` (the `newsAt` they were shown). */
export const SeenBodySchema = Type.Object(
  {
    items: Type.Array(Type.Object({ id: Id, through: Timestamp }, strict), {
      minItems: 1,
      maxItems: 100
    })
  },
  strict
);

export const SeenAnswerSchema = Type.Object({ seen: Type.Integer() });

export const LookupAnswerSchema = Type.Object({
  items: Type.Array(ItemSchema),
  unknown: Type.Array(Type.String())
});

export const SupportAnswerSchema = Type.Object({
  supportCount: Type.Integer(),
  supportedByMe: Type.Boolean()
});

export const WithdrawBodySchema = Type.Object(
  { receipt: Type.Optional(Receipt) },
  strict
);
export const ReportBodySchema = Type.Object({ reason: ReportReason }, strict);
export const ReportAnswerSchema = Type.Object({ reported: Type.Boolean() });

/** A consultation. */
export const ConsultationSchema = Type.Object({
  id: Type.String(),
  question: Type.String(),
  description: Type.String(),
  communities: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  opensAt: Type.String(),
  closesAt: Type.String(),
  anonymous: Type.Boolean(),
  resultsHidden: Type.Boolean(),
  status: literals(['scheduled', 'open', 'closed']),
  replyCount: Nullable(Type.Integer()),
  replied: Type.Boolean()
});
export type Consultation = Static<typeof ConsultationSchema>;
export const ConsultationListSchema = Type.Object({
  consultations: Type.Array(ConsultationSchema)
});

const Question = Type.String({ minLength: 10, maxLength: 300 });
const Description = Type.String({ maxLength: LIMITS.bodyMax });

/** `POST consultations` body. */
export const ConsultationCreateSchema = Type.Object(
  {
    question: Question,
    description: Type.Optional(Description),
    communities: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      maxItems: 200
    }),
    languages: Type.Array(LangSchema, { maxItems: 20 }),
    opensAt: Timestamp,
    closesAt: Timestamp,
    anonymous: Type.Boolean(),
    resultsHidden: Type.Boolean()
  },
  strict
);
export type ConsultationCreate = Static<typeof ConsultationCreateSchema>;

/** `PATCH consultations/:id` body. */
export const ConsultationPatchSchema = Type.Object(
  {
    question: Type.Optional(Question),
    description: Type.Optional(Description),
    closesAt: Type.Optional(Timestamp),
    anonymous: Type.Optional(Type.Boolean()),
    resultsHidden: Type.Optional(Type.Boolean())
  },
  strict
);
export type ConsultationPatch = Static<typeof ConsultationPatchSchema>;

const ResponseText = Type.String({ minLength: 20, maxLength: LIMITS.bodyMax });

/** `POST triage/items/:id/transition` body. */
export const TransitionBodySchema = Type.Object(
  {
    to: StateSchema,
    response: Type.Optional(
      Type.Object({ text: ResponseText, lang: LangSchema }, strict)
    ),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    into: Type.Optional(Id)
  },
  strict
);
export type TransitionBody = Static<typeof TransitionBodySchema>;

/** `POST triage/items/:id/responses` body. */
export const ResponseCreateSchema = Type.Object(
  {
    text: ResponseText,
    lang: LangSchema,
    publish: Type.Optional(Type.Boolean())
  },
  strict
);
/** `PATCH triage/items/:id/responses/:responseId` body. */
export const ResponsePatchSchema = Type.Object(
  {
    text: Type.Optional(ResponseText),
    publish: Type.Optional(Type.Literal(true))
  },
  strict
);

export const ModerationBodySchema = Type.Object(
  { action: literals(['hide', 'restore']) },
  strict
);

/** A 429: the service's error shape plus the whole seconds to wait, also sent as Retry-After. */
export const RateLimitedSchema = Type.Object(
  {
    ...ErrorSchema.properties,
    retryAfter: Type.Integer({ minimum: 1 })
  },
  { description: 'Too many submissions; `retryAfter` seconds to wait.' }
);

/** `GET triage/export`: the file itself, or with `envelope=json` `{filename, contentType, content}`. */
export const ExportFileSchema = Type.Unsafe<unknown>({
  description:
    'The file (text/csv in UTF-8 with a BOM, or application/json); with envelope=json, ' +
    '`{filename, contentType, content}` where content is the file as text.'
});

export const OptionsSchema = Type.Object({
  topics: Type.Array(Type.String()),
  limits: Type.Object({
    titleMin: Type.Integer(),
    titleMax: Type.Integer(),
    bodyMax: Type.Integer(),
    perDay: Type.Integer(),
    perSecond: Type.Integer(),
    receiptsPerLookup: Type.Integer()
  })
});

export const MyExportSchema = Type.Object({
  exportedAt: Type.String(),
  user: Type.String(),
  hub: Type.String(),
  items: Type.Array(ItemSchema),
  supports: Type.Array(
    Type.Object({ itemId: Type.String(), title: Type.String() })
  ),
  reports: Type.Array(
    Type.Object({
      itemId: Type.String(),
      reason: Type.String(),
      at: Type.String()
    })
  ),
  /** When I last saw the Core Team's news of each of my items. */
  seen: Type.Array(Type.Object({ itemId: Type.String(), at: Type.String() })),
  note: Type.String()
});

export const EraseBodySchema = Type.Object(
  { mode: literals(['delete', 'reattribute']) },
  strict
);
export const EraseAnswerSchema = Type.Object({
  items: Type.Integer(),
  supports: Type.Integer(),
  reports: Type.Integer()
});
