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

/** A learner's "I'm stuck" request (migration 2026_11_27_080000_training). */
export interface TrainingHelpRequestsTable {
  id: string;
  hub_id: string;
  user_name: string;
  client_key: string;
  tutorial_id: string;
  version: string;
  step_id: string;
  note: string | null;
  context: JSONColumnType<
    Record<string, unknown> | null,
    string | null,
    string | null
  >;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  resolved_at: Date | null;
  resolved_by: string | null;
}

/** A tutorial a Hub Champion added for their hub (the latest version only). */
export interface TrainingHubTutorialsTable {
  hub_id: string;
  tutorial_id: string;
  version: string;
  source: string;
  compiled: JSONColumnType<Record<string, unknown>, string, string>;
  uploaded_by: string;
  uploaded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
