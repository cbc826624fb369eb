/** Queries on the training tables; no HTTP and no rules beyond what SQL enforces. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { TrainingProgressTable } from './training.tables.js';

/** A progress row. */
export type ProgressRow = Selectable<TrainingProgressTable>;

/** One progress update as the service applies it. */
export interface ProgressWrite {
  hubId: string;
  userName: string;
  tutorialId: string;
  version: string;
  stepId: string;
  status: 'started' | 'failed' | 'passed';
  attempts: number;
  hintsUsed: number;
  passedAt: Date | null;
  clientUpdatedAt: Date;
}

/** Training queries over one database or one transaction. */
function trainingQueries(db: Kysely<Database>) {
  return {
    /**
     * Claims an idempotency key; false when it was already claimed.
     *
     * #### Notes
     * A concurrent claim of the same key waits on the row lock until the first one commits.
     */
    async claimKey(
      hubId: string,
      userName: string,
      key: string
    ): Promise<boolean> {
      const row = await db
        .insertInto('training_idempotency')
        .values({ hub_id: hubId, user_name: userName, key, response: null })
        .onConflict(oc =>
          oc.columns(['hub_id', 'user_name', 'key']).doNothing()
        )
        .returning('key')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The answer stored under a key. */
    async storedResponse(
      hubId: string,
      userName: string,
      key: string
    ): Promise<Record<string, unknown> | null> {
      const row = await db
        .selectFrom('training_idempotency')
        .select('response')
        .where('hub_id', '=', hubId)
        .where('user_name', '=', userName)
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.response ?? null;
    },

    /** Keeps the answer given under a key. */
    async storeResponse(
      hubId: string,
      userName: string,
      key: string,
      response: Record<string, unknown>
    ): Promise<void> {
      await db
        .updateTable('training_idempotency')
        .set({ response: JSON.stringify(response) })
        .where('hub_id', '=', hubId)
        .where('user_name', '=', userName)
        .where('key', '=', key)
        .execute();
    },

    /**
     * Upserts a step's progress: the newest client time wins for status and counts never go
     * down; the earliest pass is kept whatever order updates arrive in.
     */
    async upsert(write: ProgressWrite): Promise<ProgressRow> {
      const newer = sql<boolean>`excluded.client_updated_at >= training_progress.client_updated_at`;
      return db
        .insertInto('training_progress')
        .values({
          hub_id: write.hubId,
          user_name: write.userName,
          tutorial_id: write.tutorialId,
          version: write.version,
          step_id: write.stepId,
          status: write.status,
          attempts: write.attempts,
          hints_used: write.hintsUsed,
          first_passed_at: write.passedAt,
          client_updated_at: write.clientUpdatedAt
        })
        .onConflict(oc =>
          oc
            .columns([
              'hub_id',
              'user_name',
              'tutorial_id',
              'version',
              'step_id'
            ])
            .doUpdateSet({
              status: sql`case when ${newer} then excluded.status else training_progress.status end`,
              attempts: sql`greatest(training_progress.attempts, excluded.attempts)`,
              hints_used: sql`greatest(training_progress.hints_used, excluded.hints_used)`,
              // least() ignores nulls in PostgreSQL, so either side may still be unset.
              first_passed_at: sql`least(training_progress.first_passed_at, excluded.first_passed_at)`,
              client_updated_at: sql`greatest(training_progress.client_updated_at, excluded.client_updated_at)`,
              updated_at: sql`now()`
            })
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Every progress row of one user of a hub. */
    async forUser(hubId: string, userName: string): Promise<ProgressRow[]> {
      return db
        .selectFrom('training_progress')
        .selectAll()
        .where('hub_id', '=', hubId)
        .where('user_name', '=', userName)
        .orderBy('tutorial_id')
        .orderBy('step_id')
        .execute();
    },

    /** Every progress row of a hub, optionally for one tutorial. */
    async forHub(hubId: string, tutorialId?: string): Promise<ProgressRow[]> {
      let query = db
        .selectFrom('training_progress')
        .selectAll()
        .where('hub_id', '=', hubId);
      if (tutorialId) {
        query = query.where('tutorial_id', '=', tutorialId);
      }
      return query
        .orderBy('user_name')
        .orderBy('tutorial_id')
        .orderBy('step_id')
        .limit(10000)
        .execute();
    }
  };
}

/** Training queries bound to a database or a transaction. */
export type TrainingQueries = ReturnType<typeof trainingQueries>;

/** Training queries plus transactions over them. */
export function createTrainingRepository(db: Kysely<Database>) {
  return {
    ...trainingQueries(db),

    /** Runs `work` in a transaction with queries bound to it. */
    async transaction<T>(
      work: (trx: TrainingQueries) => Promise<T>
    ): Promise<T> {
      return db.transaction().execute(trx => work(trainingQueries(trx)));
    }
  };
}

/** The training repository's interface. */
export type TrainingRepository = ReturnType<typeof createTrainingRepository>;
