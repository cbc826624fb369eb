/** Kysely types of the training tables (migration 2026_11_27_034700_training). */
import type { ColumnType, JSONColumnType } from 'kysely';

/** One learner's state on one step of one tutorial version. */
export interface TrainingProgressTable {
  hub_id: string;
  user_name: string;
  tutorial_id: string;
  version: string;
  step_id: string;
  status: 'started' | 'failed' | 'passed';
  attempts: number;
  hints_used: number;
  first_passed_at: Date | null;
  client_updated_at: ColumnType<Date, Date | string, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The answer given to a progress update, kept under its Idempotency-Key. */
export interface TrainingIdempotencyTable {
  hub_id: string;
  user_name: string;
  key: string;
  response: JSONColumnType<
    Record<string, unknown> | null,
    string | null,
    string
  >;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}
