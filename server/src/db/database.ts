/** The database schema as Kysely sees it; one table interface per migration-created table. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A timestamptz column the database fills by default. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** A community of the federation (several hubs may belong to one). */
export interface CommunitiesTable {
  id: string;
  name: string;
  created_at: CreatedAt;
}

/** A JupyterHub served by this service; the instance's own hub is upserted at start. */
export interface HubsTable {
  id: string;
  community_id: string | null;
  name: string;
  url: string;
  languages: ColumnType<string[], string[] | undefined, string[]>;
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

/** Every table of the service. */
export interface Database {
  communities: CommunitiesTable;
  hubs: HubsTable;
  audit_log: AuditLogTable;
}
