/** Queries on the audit log; no HTTP here. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AuditEntry } from './admin.schemas.js';

/** One action to record. */
export interface AuditRecord {
  hubId: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  detail: Record<string, unknown>;
}

/** Filters on the audit log; hubId always comes from the config. */
export interface AuditFilter {
  hubId: string;
  actor?: string;
  action?: string;
  target?: string;
}

/** Audit queries over one database. */
export function createAuditRepository(db: Kysely<Database>) {
  const filtered = (filter: AuditFilter) => {
    let query = db.selectFrom('audit_log').where('hub_id', '=', filter.hubId);
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.target) query = query.where('target', '=', filter.target);
    return query;
  };

  return {
    /** Appends one line. */
    async record(entry: AuditRecord): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          hub_id: entry.hubId,
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          outcome: entry.outcome,
          detail: JSON.stringify(entry.detail)
        })
        .execute();
    },

    /** A page of matching lines, newest first, and how many match. */
    async list(
      filter: AuditFilter,
      offset: number,
      limit: number
    ): Promise<{ items: AuditEntry[]; total: number }> {
      const rows = await filtered(filter)
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .offset(offset)
        .limit(limit)
        .execute();
      const count = await filtered(filter)
        .select(eb => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        items: rows.map(row => ({
          id: String(row.id),
          at: new Date(row.at).toISOString(),
          actor: row.actor,
          action: row.action,
          target: row.target,
          outcome: row.outcome,
          detail: row.detail ?? {}
        })),
        total: Number(count.n)
      };
    }
  };
}

/** The audit repository's interface. */
export type AuditRepository = ReturnType<typeof createAuditRepository>;
