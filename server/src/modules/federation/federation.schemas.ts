/** TypeBox schemas of the Core Team's cross-hub routes. */
import { Type, type Static } from 'typebox';

const HubId = Type.String({
  pattern: '^[a-z0-9][a-z0-9_-]{0,62}$',
  description: 'a registered hub id'
});
const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/** `?hub=`: one hub, or every hub when left out. */
export const HubFilterSchema = Type.Object(
  { hub: Type.Optional(HubId) },
  { additionalProperties: false }
);
export type HubFilter = Static<typeof HubFilterSchema>;

/** `?hub=&tutorialId=`. */
export const ProgressFilterSchema = Type.Object(
  {
    hub: Type.Optional(HubId),
    tutorialId: Type.Optional(
      Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' })
    )
  },
  { additionalProperties: false }
);
export type ProgressFilter = Static<typeof ProgressFilterSchema>;

/** `?hub=&tutorialId=&limit=&offset=`. */
export const LearnersQuerySchema = Type.Object(
  {
    ...ProgressFilterSchema.properties,
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
    offset: Type.Integer({ minimum: 0, default: 0 })
  },
  { additionalProperties: false }
);
export type LearnersQuery = Static<typeof LearnersQuerySchema>;

/** One hub of the federation with what the Core Team counts on it. */
export const FederatedHubSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    url: Type.String(),
    languages: Type.Array(Type.String()),
    community: Type.Union([
      Type.Object({ id: Type.String(), name: Type.String() }),
      Type.Null()
    ]),
    /** People with training progress on this hub. */
    learners: Type.Integer(),
    stepsPassed: Type.Integer(),
    feedbackItems: Type.Integer(),
    lastActivity: When
  },
  { additionalProperties: false }
);

export const FederatedHubsSchema = Type.Object(
  { hubs: Type.Array(FederatedHubSchema) },
  { additionalProperties: false }
);
export type FederatedHubs = Static<typeof FederatedHubsSchema>;

/** Training progress per hub and tutorial version. */
export const FederatedProgressSchema = Type.Object(
  {
    progress: Type.Array(
      Type.Object(
        {
          hub: Type.String(),
          tutorialId: Type.String(),
          version: Type.String(),
          learners: Type.Integer(),
          learnersPassing: Type.Integer({
            description: 'learners with at least one step passed'
          }),
          stepsPassed: Type.Integer(),
          lastActivity: When
        },
        { additionalProperties: false }
      )
    )
  },
  { additionalProperties: false }
);
export type FederatedProgress = Static<typeof FederatedProgressSchema>;

/** One learner's standing on one tutorial version, on one hub. */
export const FederatedLearnersSchema = Type.Object(
  {
    total: Type.Integer(),
    learners: Type.Array(
      Type.Object(
        {
          hub: Type.String(),
          user: Type.String(),
          tutorialId: Type.String(),
          version: Type.String(),
          stepsStarted: Type.Integer(),
          stepsPassed: Type.Integer(),
          lastActivity: When
        },
        { additionalProperties: false }
      )
    )
  },
  { additionalProperties: false }
);
export type FederatedLearners = Static<typeof FederatedLearnersSchema>;
