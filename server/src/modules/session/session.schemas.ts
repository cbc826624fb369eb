/** Wire shapes of the session routes: Me, the session answer and the session request body. */
import { Type, type Static } from 'typebox';
import type { Role } from '../../plugins/auth.js';

/** One of the roles of docs/architecture.md. */
const RoleSchema = Type.Union([
  Type.Literal('member'),
  Type.Literal('hub-champion'),
  Type.Literal('community-champion'),
  Type.Literal('core-team')
]);

// Fails to compile if the schema and the Role type drift apart.
const sameRoles: [Static<typeof RoleSchema>, Role] extends [
  Role,
  Static<typeof RoleSchema>
]
  ? true
  : never = true;
void sameRoles;

/** A BCP 47-ish language tag such as `es` or `pt-BR`. */
const LanguageSchema = Type.String({
  pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$',
  maxLength: 35,
  description: 'The JupyterLab UI language, e.g. `es`, `en`, `pt-BR`.'
});

/** The signed-in user as the extension sees them. */
export const MeSchema = Type.Object(
  {
    name: Type.String(),
    roles: Type.Array(RoleSchema),
    hub: Type.Object({ id: Type.String(), name: Type.String() }),
    language: Type.String()
  },
  { additionalProperties: false }
);

/** The signed-in user. */
export type Me = Static<typeof MeSchema>;

/** What `POST api/session` answers. */
export const SessionSchema = Type.Object(
  {
    token: Type.String({
      description: 'Session JWT; send it as `Authorization: Bearer <token>`.'
    }),
    expiresAt: Type.String({ format: 'date-time' }),
    user: MeSchema
  },
  { additionalProperties: false }
);

/** A new session. */
export type Session = Static<typeof SessionSchema>;

/** `POST api/session` body with a hub token. */
export const SessionBodySchema = Type.Object(
  { language: Type.Optional(LanguageSchema) },
  { additionalProperties: false }
);

/** `POST api/session` body in development mode, where the development secret stands in for a hub. */
export const DevSessionBodySchema = Type.Object(
  {
    language: Type.Optional(LanguageSchema),
    user: Type.Optional(
      Type.String({
        pattern: '^[^\\s/]{1,255}$',
        description: 'Development mode only: the user name to sign in as.'
      })
    ),
    groups: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 255 }), {
        maxItems: 100,
        description: 'Development mode only: the hub groups of that user.'
      })
    ),
    admin: Type.Optional(
      Type.Boolean({ description: 'Development mode only: a hub admin.' })
    )
  },
  { additionalProperties: false }
);

/** Either session body; the development fields are refused outside development mode. */
export type SessionBody = Static<typeof DevSessionBodySchema>;
