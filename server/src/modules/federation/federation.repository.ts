/** Cross-hub reads for the Core Team: hubs, training progress and feedback counts of every hub. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

/** `Date | null` as an ISO string or null. */
const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** Read-only queries across every hub of the federation (the caller checked the role). */
export function createFederationRepository(db: Kysely<Database>) {
  return {
    /** Whether a hub with this id is registered. */
    async hubExists(id: string): Promise<boolean> {
      const row = await db
        .selectFrom('hubs')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Every hub (or one), its community, and its learner, step and feedback counts. */
    async hubs(hub?: string) {
      const progress = db
        .selectFrom('training_progress')
        .select([
          'hub_id',
          sql<string>`count(distinct user_name)`.as('learners'),
          sql<string>`count(*) filter (where status = 'passed')`.as(
            'steps_passed'
          ),
          sql<Date | null>`max(updated_at)`.as('last_activity')
        ])
        .groupBy('hub_id');
      const feedback = db
        .selectFrom('feedback_items')
        .select(['hub_id', sql<string>`count(*)`.as('items')])
        .groupBy('hub_id');
      let query = db
        .selectFrom('hubs as h')
        .leftJoin('communities as c', 'c.id', 'h.community_id')
        .leftJoin(progress.as('p'), 'p.hub_id', 'h.id')
        .leftJoin(feedback.as('f'), 'f.hub_id', 'h.id')
        .select([
          'h.id',
          'h.name',
          'h.url',
          'h.languages',
          'h.community_id',
          'c.name as community_name',
          'p.learners',
          'p.steps_passed',
          'p.last_activity',
          'f.items'
        ])
        .orderBy('h.id');
      if (hub) query = query.where('h.id', '=', hub);
      const rows = await query.execute();
      return rows.map(row => ({
        id: row.id,
        name: row.name,
        url: row.url,
        languages: row.languages,
        community: row.community_id
          ? {
              id: row.community_id,
              name: row.community_name ?? row.community_id
            }
          : null,
        learners: Number(row.learners ?? 0),
        stepsPassed: Number(row.steps_passed ?? 0),
        feedbackItems: Number(row.items ?? 0),
        lastActivity: iso(row.last_activity ?? null)
      }));
    },

    /** Training progress per hub and tutorial version. */
    async progress(filter: { hub?: string; tutorialId?: string }) {
      let query = db
        .selectFrom('training_progress')
        .select([
          'hub_id',
          'tutorial_id',
          'version',
          sql<string>`count(distinct user_name)`.as('learners'),
          sql<string>`count(distinct user_name) filter (where status = 'passed')`.as(
            'learners_passing'
          ),
          sql<string>`count(*) filter (where status = 'passed')`.as(
            'steps_passed'
          ),
          sql<Date>`max(updated_at)`.as('last_activity')
        ])
        .groupBy(['hub_id', 'tutorial_id', 'version'])
        .orderBy('hub_id')
        .orderBy('tutorial_id')
        .orderBy('version');
      if (filter.hub) query = query.where('hub_id', '=', filter.hub);
      if (filter.tutorialId)
        query = query.where('tutorial_id', '=', filter.tutorialId);
      return (await query.execute()).map(row => ({
        hub: row.hub_id,
        tutorialId: row.tutorial_id,
        version: row.version,
        learners: Number(row.learners),
        learnersPassing: Number(row.learners_passing),
        stepsPassed: Number(row.steps_passed),
        lastActivity: iso(row.last_activity)
      }));
    },

    /** One row per (hub, learner, tutorial version), paged, with the total. */
    async learners(filter: {
      hub?: string;
      tutorialId?: string;
      limit: number;
      offset: number;
    }) {
      let query = db
        .selectFrom('training_progress')
        .select([
          'hub_id',
          'user_name',
          'tutorial_id',
          'version',
          sql<string>`count(*)`.as('steps_started'),
          sql<string>`count(*) filter (where status = 'passed')`.as(
            'steps_passed'
          ),
          sql<Date>`max(updated_at)`.as('last_activity'),
          sql<string>`count(*) over ()`.as('total')
        ])
        .groupBy(['hub_id', 'user_name', 'tutorial_id', 'version']);
      if (filter.hub) query = query.where('hub_id', '=', filter.hub);
      if (filter.tutorialId)
        query = query.where('tutorial_id', '=', filter.tutorialId);
      const rows = await query
        .orderBy('hub_id')
        .orderBy('user_name')
        .orderBy('tutorial_id')
        .orderBy('version')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      return {
        total: Number(rows[0]?.total ?? 0),
        learners: rows.map(row => ({
          hub: row.hub_id,
          user: row.user_name,
          tutorialId: row.tutorial_id,
          version: row.version,
          stepsStarted: Number(row.steps_started),
          stepsPassed: Number(row.steps_passed),
          lastActivity: iso(row.last_activity)
        }))
      };
    }
  };
}

/** The federation repository's interface. */
export type FederationRepository = ReturnType<
  typeof createFederationRepository
>;
