/** The database schema as Kysely sees it; one table interface per migration-created table. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type * as Feedback from '../modules/feedback/feedback.tables.js';
import type * as Training from '../modules/training/training.tables.js';

/** A timestamptz column the database fills by default. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** A community of the federation (several hubs may belong to one). */
export interface CommunitiesTable {
  id: string;
  name: string;
  /** Partnership profile (2026_11_27_030000_partnerships). */
  country: ColumnType<string, string | undefined, string>;
  region: ColumnType<string, string | undefined, string>;
  language: ColumnType<string, string | undefined, string>;
  website: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

/** A JupyterHub served by this service; the instance's own hub is upserted at start. */
export interface HubsTable {
  id: string;
  community_id: string | null;
  name: string;
  url: string;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  /** Deployment facts and dates (2026_11_27_030000_partnerships); dates are ISO strings. */
  cluster: ColumnType<string, string | undefined, string>;
  domain: ColumnType<string, string | undefined, string>;
  provider: ColumnType<string, string | undefined, string>;
  region: ColumnType<string, string | undefined, string>;
  auth: ColumnType<string, string | undefined, string>;
  admin_users: ColumnType<string[], string[] | undefined, string[]>;
  deployed_on: IsoDateColumn | null;
  decommission_proposed_on: IsoDateColumn | null;
  decommissioned_on: IsoDateColumn | null;
  data_disposition: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

/** One line per administrative action, whatever its outcome. */
export interface AuditLogTable {
  id: Generated<string>;
  hub_id: string | null;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  at: CreatedAt;
}

/** A `date` column: read as `col::text` (pg would make a local-midnight Date), written as `YYYY-MM-DD`. */
export type IsoDateColumn = ColumnType<string, string, string>;

/** A person in partnership records, matched by email, then GitHub handle. */
export interface PartnershipPeopleTable {
  id: Generated<number>;
  name: ColumnType<string, string | undefined, string>;
  email: string | null;
  github_handle: string | null;
  created_at: CreatedAt;
}

/** One partnership term; a renewal is a new row naming the previous term. */
export interface PartnershipTermsTable {
  id: Generated<number>;
  community_id: string;
  seq: number;
  start_date: IsoDateColumn;
  end_date: IsoDateColumn;
  guaranteed_service_date: IsoDateColumn | null;
  guaranteed_service_precision: string | null;
  phase: ColumnType<string, string | undefined, string>;
  previous_term_id: number | null;
  previous_end_date: IsoDateColumn | null;
  agreement_url: ColumnType<string, string | undefined, string>;
  override_status: string | null;
  override_until: IsoDateColumn | null;
  status_cache: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A term's history: phase moves, overrides, status changes, extensions, edits. */
export interface PartnershipTermEventsTable {
  id: Generated<number>;
  term_id: number;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  at: CreatedAt;
  actor: string;
  reason: ColumnType<string, string | undefined, string>;
}

/** An extension of a term's end, with its day count. */
export interface PartnershipTermExtensionsTable {
  id: Generated<number>;
  term_id: number;
  previous_end: IsoDateColumn;
  new_end: IsoDateColumn;
  days: number;
  at: CreatedAt;
  actor: string;
  reason: ColumnType<string, string | undefined, string>;
}

/** A champion role held by a person over a date range (open while end_date is null). */
export interface PartnershipRolesTable {
  id: Generated<number>;
  community_id: string;
  role: string;
  person_id: number;
  start_date: IsoDateColumn;
  end_date: IsoDateColumn | null;
  end_reason: ColumnType<string, string | undefined, string>;
}

/** A responsibility of one term, ticked with who, when and evidence. */
export interface PartnershipChecklistItemsTable {
  id: Generated<number>;
  term_id: number;
  key: string;
  position: number;
  done_at: Date | null;
  done_by: string | null;
  evidence_url: ColumnType<string, string | undefined, string>;
}

/** A person in a training programme and cohort; a repeat is a new row. */
export interface PartnershipEnrolmentsTable {
  id: Generated<number>;
  person_id: number;
  community_id: string | null;
  programme: string;
  cohort: ColumnType<string, string | undefined, string>;
  language: ColumnType<string, string | undefined, string>;
  status: ColumnType<string, string | undefined, string>;
  started_on: IsoDateColumn | null;
  completed_on: IsoDateColumn | null;
  notes: ColumnType<string, string | undefined, string>;
  evidence_url: ColumnType<string, string | undefined, string>;
  evidence_state: ColumnType<string, string | undefined, string>;
  repeat_of: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A reminder that should be delivered, reconciled on every edit. */
export interface PartnershipRemindersTable {
  id: Generated<number>;
  key: string;
  community_id: string;
  term_id: number | null;
  kind: string;
  anchor_date: IsoDateColumn;
  offset_days: number;
  due_at: ColumnType<Date, Date | string, Date | string>;
  state: ColumnType<string, string | undefined, string>;
  recipients: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** When the reminder was delivered in-product; null while scheduled. */
  sent_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
}

/** Who has read a delivered reminder (per hub user). */
export interface PartnershipReminderReadsTable {
  reminder_id: number;
  hub_id: string;
  user_name: string;
  read_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Every table of the service. */
export interface Database {
  communities: CommunitiesTable;
  hubs: HubsTable;
  audit_log: AuditLogTable;
  partnership_people: PartnershipPeopleTable;
  partnership_terms: PartnershipTermsTable;
  partnership_term_events: PartnershipTermEventsTable;
  partnership_term_extensions: PartnershipTermExtensionsTable;
  partnership_roles: PartnershipRolesTable;
  partnership_checklist_items: PartnershipChecklistItemsTable;
  partnership_enrolments: PartnershipEnrolmentsTable;
  partnership_reminders: PartnershipRemindersTable;
  partnership_reminder_reads: PartnershipReminderReadsTable;
  training_progress: Training.TrainingProgressTable;
  training_idempotency: Training.TrainingIdempotencyTable;
  training_help_requests: Training.TrainingHelpRequestsTable;
  training_hub_tutorials: Training.TrainingHubTutorialsTable;
  feedback_consultations: Feedback.FeedbackConsultationsTable;
  feedback_items: Feedback.FeedbackItemsTable;
  feedback_supports: Feedback.FeedbackSupportsTable;
  feedback_reports: Feedback.FeedbackReportsTable;
  feedback_responses: Feedback.FeedbackResponsesTable;
  feedback_history: Feedback.FeedbackHistoryTable;
  feedback_ledger: Feedback.FeedbackLedgerTable;
  feedback_idempotency: Feedback.FeedbackIdempotencyTable;
}
