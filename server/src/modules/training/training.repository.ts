/** Queries on the training tables; no HTTP and no rules beyond what SQL enforces. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { executeNamed } from '../../db/prepared.js';
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

/** The columns an upsert writes, in `progressValues` order. */
const progressColumns = sql`(hub_id, user_name, tutorial_id, version, step_id, status, attempts,
  hints_used, first_passed_at, client_updated_at)`;

/** A step's progress row is one per hub, user, tutorial version and step. */
const progressKey = sql`(hub_id, user_name, tutorial_id, version, step_id)`;

/** One row of values for `progressColumns`. */
function progressValues(write: ProgressWrite) {
  return sql`(${write.hubId}, ${write.userName}, ${write.tutorialId}, ${write.version},
    ${write.stepId}, ${write.status}, ${write.attempts}::integer, ${write.hintsUsed}::integer,
    ${write.passedAt}::timestamptz, ${write.clientUpdatedAt}::timestamptz)`;
}

/**
 * How an update merges into the stored row: the newest client time wins for status, counts never
 * go down, and the earliest pass is kept (least() ignores nulls in PostgreSQL, so either side may
 * still be unset).
 */
const mergeRules = sql`
  status = case when excluded.client_updated_at >= training_progress.client_updated_at
                then excluded.status else training_progress.status end,
  attempts = greatest(training_progress.attempts, excluded.attempts),
  hints_used = greatest(training_progress.hints_used, excluded.hints_used),
  first_passed_at = least(training_progress.first_passed_at, excluded.first_passed_at),
  client_updated_at = greatest(training_progress.client_updated_at, excluded.client_updated_at),
  updated_at = now()`;

/** Training queries over one database. */
function trainingQueries(db: Kysely<Database>) {
  return {
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

    /**
     * Upserts a step's progress: the newest client time wins for status and counts never go
     * down; the earliest pass is kept whatever order updates arrive in.
     */
    async upsert(write: ProgressWrite): Promise<ProgressRow> {
      const { rows } = await sql<ProgressRow>`
        insert into training_progress ${progressColumns}
        values ${progressValues(write)}
        on conflict ${progressKey} do update set ${mergeRules}
        returning *`.execute(db);
      return rows[0];
    },

    /**
     * The upsert under an idempotency key, in one statement (one round trip, one commit): the
     * key is claimed with the row it produced, and a key already claimed changes nothing.
     * `claimed` is false when the key was used before, or by a concurrent repeat that committed
     * first; the caller then answers with that first row.
     *
     * #### Notes
     * A concurrent repeat may apply the same write twice before its claim finds the first one:
     * the merge rules make that a no-op, bar `updated_at`.
     */
    async upsertOnce(
      write: ProgressWrite,
      key: string
    ): Promise<{ row: ProgressRow; claimed: boolean } | null> {
      const { hubId, userName } = write;
      const { rows } = await executeNamed(
        sql<ProgressRow & { claimed: boolean }>`
        with up as (
          insert into training_progress ${progressColumns}
          select * from (values ${progressValues(write)}) as v
           where not exists (
             select 1 from training_idempotency
              where hub_id = ${hubId} and user_name = ${userName} and key = ${key})
          on conflict ${progressKey} do update set ${mergeRules}
          returning *
        ), claim as (
          insert into training_idempotency (hub_id, user_name, key, response)
          select ${hubId}, ${userName}, ${key}, to_jsonb(up) from up
          on conflict do nothing
          returning key
        )
        select up.*, exists (select 1 from claim) as claimed from up`,
        db
      );
      if (!rows[0]) return null;
      const { claimed, ...row } = rows[0];
      return { row, claimed };
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

/** Training queries bound to a database. */
export type TrainingQueries = ReturnType<typeof trainingQueries>;

/** Training queries. */
export function createTrainingRepository(db: Kysely<Database>) {
  return trainingQueries(db);
}

/** The training repository's interface. */
export type TrainingRepository = ReturnType<typeof createTrainingRepository>;
