/** Queries on "I'm stuck" requests; no HTTP and no rules beyond what SQL enforces. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { TrainingHelpRequestsTable } from './training.tables.js';

/** A help request row. */
export type HelpRow = Selectable<TrainingHelpRequestsTable>;

/** A new help request. */
export interface HelpWrite {
  id: string;
  hubId: string;
  userName: string;
  clientKey: string;
  tutorialId: string;
  version: string;
  stepId: string;
  note: string | null;
  context: Record<string, unknown> | null;
}

/** Builds the help request queries. */
export function createHelpRepository(db: Kysely<Database>) {
  return {
    /** Inserts a request; a repeat of the learner's key returns the first one unchanged. */
    async create(
      write: HelpWrite
    ): Promise<{ row: HelpRow; created: boolean }> {
      const inserted = await db
        .insertInto('training_help_requests')
        .values({
          id: write.id,
          hub_id: write.hubId,
          user_name: write.userName,
          client_key: write.clientKey,
          tutorial_id: write.tutorialId,
          version: write.version,
          step_id: write.stepId,
          note: write.note,
          context: write.context === null ? null : JSON.stringify(write.context)
        })
        .onConflict(oc =>
          oc.columns(['hub_id', 'user_name', 'client_key']).doNothing()
        )
        .returningAll()
        .executeTakeFirst();
      if (inserted) {
        return { row: inserted, created: true };
      }
      const existing = await db
        .selectFrom('training_help_requests')
        .selectAll()
        .where('hub_id', '=', write.hubId)
        .where('user_name', '=', write.userName)
        .where('client_key', '=', write.clientKey)
        .executeTakeFirstOrThrow();
      return { row: existing, created: false };
    },

    /** A hub's requests, open ones first, newest first. */
    async forHub(hubId: string, openOnly: boolean): Promise<HelpRow[]> {
      let query = db
        .selectFrom('training_help_requests')
        .selectAll()
        .where('hub_id', '=', hubId);
      if (openOnly) {
        query = query.where('resolved_at', 'is', null);
      }
      return query.orderBy('created_at', 'desc').limit(500).execute();
    },

    /** Marks a request of this hub resolved; undefined when the hub has no such request. */
    async resolve(
      hubId: string,
      id: string,
      by: string
    ): Promise<HelpRow | undefined> {
      return db
        .updateTable('training_help_requests')
        .set({ resolved_at: new Date(), resolved_by: by })
        .where('hub_id', '=', hubId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    /** Deletes every request (note and context with it) of these hub user names on every hub; how many. */
    async eraseForUsers(userNames: string[]): Promise<number> {
      if (userNames.length === 0) return 0;
      const erased = await db
        .deleteFrom('training_help_requests')
        .where(
          sql<string>`lower(user_name)`,
          'in',
          userNames.map(name => name.toLowerCase())
        )
        .executeTakeFirst();
      return Number(erased.numDeletedRows);
    }
  };
}

/** The help repository's interface. */
export type HelpRepository = ReturnType<typeof createHelpRepository>;
