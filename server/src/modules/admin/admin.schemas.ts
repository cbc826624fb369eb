/** Wire shapes of the admin console routes. */
import { Type, type Static } from 'typebox';

const UserName = Type.String({ minLength: 1, maxLength: 255 });
const GroupName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^[^/\\s]+$'
});
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) =>
  Type.Union([t, Type.Null()]);

/** Filters the hub applies to its own listing. */
const HubFilterFields = {
  name_filter: Type.Optional(Type.String({ maxLength: 255 })),
  state: Type.Optional(
    Type.Union([
      Type.Literal('active'),
      Type.Literal('inactive'),
      Type.Literal('ready')
    ])
  )
};

/** Filters the service applies over the hub's listing. */
const UserFilterFields = {
  admin: Type.Optional(Type.Boolean()),
  group: Type.Optional(GroupName),
  never_logged_in: Type.Optional(Type.Boolean()),
  inactive_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 }))
};

/** A page's place in a listing (users, the audit log). */
const PagingFields = {
  offset: Type.Integer({ minimum: 0, default: 0 }),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 })
};

/** `admin` in a body, accepted only to be refused clearly. */
const RefusedAdmin = Type.Optional(
  Type.Boolean({
    description: 'Always refused: admins are managed at /hub/admin.'
  })
);

/** `:name` of a user route. */
export const UserParamsSchema = Type.Object({ name: UserName });

/** `:name/:server` of a named-server route. */
export const NamedServerParamsSchema = Type.Object({
  name: UserName,
  server: Type.String({ minLength: 1, maxLength: 255 })
});

/** `:group` of a group route. */
export const GroupParamsSchema = Type.Object({ group: GroupName });

/** `GET users` query. */
export const UserListQuerySchema = Type.Object(
  {
    ...PagingFields,
    ...HubFilterFields,
    sort: Type.Optional(
      Type.Union([
        Type.Literal('name'),
        Type.Literal('-name'),
        Type.Literal('last_activity'),
        Type.Literal('-last_activity')
      ])
    ),
    ...UserFilterFields
  },
  { additionalProperties: false }
);
export type UserListQuery = Static<typeof UserListQuerySchema>;

/** `GET users/names` query: the same filters, without paging. */
export const UserNamesQuerySchema = Type.Object(
  { ...HubFilterFields, ...UserFilterFields },
  { additionalProperties: false }
);
export type UserNamesQuery = Static<typeof UserNamesQuerySchema>;

/** Every user name matching a filter, for bulk actions on "all that match". */
export const UserNamesSchema = Type.Object({
  names: Type.Array(Type.String()),
  total: Type.Integer(),
  truncated: Type.Boolean()
});
export type UserNames = Static<typeof UserNamesSchema>;

/** One server of a user; the default server has the name ''. */
export const ServerSchema = Type.Object({
  name: Type.String(),
  ready: Type.Boolean(),
  pending: Nullable(Type.String()),
  started: Nullable(Type.String()),
  last_activity: Nullable(Type.String()),
  url: Type.String()
});
export type Server = Static<typeof ServerSchema>;

/** A user's training progress on this hub: steps passed, tutorials touched, last change. */
export const TrainingSummarySchema = Type.Object({
  passedSteps: Type.Integer(),
  tutorials: Type.Integer(),
  updatedAt: Type.String()
});
export type TrainingSummary = Static<typeof TrainingSummarySchema>;

/** One row of the users table. */
export const AdminUserSchema = Type.Object({
  name: Type.String(),
  admin: Type.Boolean(),
  groups: Type.Array(Type.String()),
  servers: Type.Array(ServerSchema),
  last_activity: Nullable(Type.String()),
  created: Nullable(Type.String()),
  training: Type.Union([TrainingSummarySchema, Type.Null()])
});
export type AdminUser = Static<typeof AdminUserSchema>;

/** A page of users and the total matching the filter. */
export const UserPageSchema = Type.Object({
  items: Type.Array(AdminUserSchema),
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer()
});
export type UserPage = Static<typeof UserPageSchema>;

/** The outcome of a start or stop. */
export const ServerActionSchema = Type.Object({
  user: Type.String(),
  server: Type.String(),
  status: Type.Union([
    Type.Literal('started'),
    Type.Literal('stopped'),
    Type.Literal('pending'),
    Type.Literal('removed')
  ])
});
export type ServerAction = Static<typeof ServerActionSchema>;

/** `POST users`: preview without `confirm`, create the valid ones with `confirm: true`. */
export const AddUsersBodySchema = Type.Object(
  {
    usernames: Type.Array(Type.String({ maxLength: 1000 }), {
      minItems: 1,
      maxItems: 500
    }),
    group: Type.Optional(GroupName),
    confirm: Type.Optional(Type.Boolean()),
    admin: RefusedAdmin
  },
  { additionalProperties: false }
);
export type AddUsersBody = Static<typeof AddUsersBodySchema>;

/** How one pasted name would be (or was) handled. */
export const NameCheckSchema = Type.Object({
  input: Type.String(),
  name: Type.String(),
  status: Type.Union([
    Type.Literal('new'),
    Type.Literal('exists'),
    Type.Literal('invalid'),
    Type.Literal('duplicate')
  ]),
  reason: Type.String()
});
export type NameCheck = Static<typeof NameCheckSchema>;

/** The preview (or the result, once confirmed) of adding users. */
export const AddUsersResultSchema = Type.Object({
  confirmed: Type.Boolean(),
  names: Type.Array(NameCheckSchema),
  created: Type.Array(Type.String()),
  group: Nullable(Type.String()),
  groupExists: Type.Boolean(),
  addedToGroup: Type.Array(Type.String())
});
export type AddUsersResult = Static<typeof AddUsersResultSchema>;

/** A group with its member count; `managed` says why the console may not edit it, `grantsRole` why it may not delete it. */
export const GroupSchema = Type.Object({
  name: Type.String(),
  users: Type.Array(Type.String()),
  memberCount: Type.Integer(),
  properties: Type.Record(Type.String(), Type.Unknown()),
  managed: Type.Union([Type.String(), Type.Null()], {
    description:
      "Why the console may not edit this group: the value of its 'catalyst.managed' property, which the hub's operators set (e.g. in load_groups) on groups the authenticator rewrites at each login; null otherwise."
  }),
  grantsRole: Type.Union(
    [
      Type.Literal('hub-champion'),
      Type.Literal('community-champion'),
      Type.Literal('core-team'),
      Type.Null()
    ],
    {
      description:
        'The Catalyst role this group gives its members (CATALYST_HUB_CHAMPION_GROUP, CATALYST_COMMUNITY_CHAMPION_GROUP, CATALYST_CORE_TEAM_GROUP); such a group cannot be deleted from the console. Null otherwise.'
    }
  )
});
export type Group = Static<typeof GroupSchema>;

/** `GET groups` query. */
export const GroupListQuerySchema = Type.Object(
  { search: Type.Optional(Type.String({ maxLength: 255 })) },
  { additionalProperties: false }
);

/** `GET groups` answer. */
export const GroupListSchema = Type.Object({
  items: Type.Array(GroupSchema),
  total: Type.Integer()
});

/** `POST/DELETE groups/:group/users` body. */
export const GroupMembersBodySchema = Type.Object(
  {
    users: Type.Array(UserName, { minItems: 1, maxItems: 500 })
  },
  { additionalProperties: false }
);

/** `PUT groups/:group/properties`: typed values; the hub replaces the whole set. */
export const GroupPropertiesBodySchema = Type.Object(
  {
    properties: Type.Record(
      Type.String({ minLength: 1, maxLength: 255, pattern: '^\\S+$' }),
      Type.Union([
        Type.String({ maxLength: 10000 }),
        Type.Number(),
        Type.Boolean()
      ]),
      { maxProperties: 100 }
    )
  },
  { additionalProperties: false }
);
export type GroupPropertiesBody = Static<typeof GroupPropertiesBodySchema>;

/** `PATCH users/:name`: rename; `admin` is accepted only to refuse it clearly. */
export const UserEditBodySchema = Type.Object(
  { name: Type.Optional(UserName), admin: RefusedAdmin },
  { additionalProperties: false, minProperties: 1 }
);
export type UserEditBody = Static<typeof UserEditBodySchema>;

/** `DELETE users/:name/servers/:server` query: `remove` deletes a stopped named server. */
export const ServerRemoveQuerySchema = Type.Object(
  { remove: Type.Optional(Type.Boolean()) },
  { additionalProperties: false }
);

/** The latest spawn-progress event of a server (the hub's stream, read briefly). */
export const SpawnProgressSchema = Type.Object({
  progress: Type.Number(),
  message: Type.String(),
  ready: Type.Boolean(),
  failed: Type.Boolean()
});
export type SpawnProgress = Static<typeof SpawnProgressSchema>;

/** The hub's totals; `source` says whether they come from its metrics or were counted. */
export const HubTotalsSchema = Type.Object({
  users: Type.Integer(),
  runningServers: Type.Integer(),
  active24h: Type.Integer(),
  active7d: Type.Integer(),
  active30d: Type.Integer(),
  source: Type.Union([Type.Literal('metrics'), Type.Literal('listing')])
});
export type HubTotals = Static<typeof HubTotalsSchema>;

/** `GET info`: what the hub is and how people log in. */
export const HubInfoSchema = Type.Object({
  version: Type.String(),
  authenticator: Type.Object({
    class: Type.String(),
    version: Type.String()
  }),
  spawner: Type.Object({ class: Type.String(), version: Type.String() }),
  features: Type.Object({
    sort: Type.Boolean(),
    groupProperties: Type.Boolean(),
    progress: Type.Boolean()
  }),
  adminUrl: Type.String()
});
export type HubInfo = Static<typeof HubInfoSchema>;

/** An action done (or refused) through the console. */
export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  target: Nullable(Type.String()),
  outcome: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown())
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

/** `GET audit` and `GET audit/export` query. */
export const AuditQuerySchema = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 255 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    target: Type.Optional(Type.String({ maxLength: 255 })),
    ...PagingFields
  },
  { additionalProperties: false }
);
export type AuditQuery = Static<typeof AuditQuerySchema>;

/** A page of the audit log, newest first. */
export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  total: Type.Integer()
});

/** The audit log as CSV, in JSON so the extension's client can read it. */
export const AuditExportSchema = Type.Object({
  filename: Type.String(),
  csv: Type.String()
});

/** An empty success. */
export const OkSchema = Type.Object({ ok: Type.Literal(true) });
