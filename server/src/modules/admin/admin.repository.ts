/** Queries on the audit log; no HTTP here. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AuditEntry, TrainingSummary } from './admin.schemas.js';

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

/** Training progress per user, read from the training tables (read-only), for the users table. */
export function createTrainingSummaryReader(db: Kysely<Database>) {
  return {
    /** Passed steps and tutorials touched by each named user of one hub; users without progress are absent. */
    async summaries(
      hubId: string,
      names: string[]
    ): Promise<Map<string, TrainingSummary>> {
      const result = new Map<string, TrainingSummary>();
      if (!names.length) return result;
      const rows = await db
        .selectFrom('training_progress')
        .where('hub_id', '=', hubId)
        .where('user_name', 'in', names)
        .groupBy('user_name')
        .select(eb => [
          'user_name',
          // A step passed again in a newer tutorial version counts once.
          sql<string>`count(distinct tutorial_id || '/' || step_id) filter (where status = 'passed')`.as(
            'passed'
          ),
          eb.fn.count<string>('tutorial_id').distinct().as('tutorials'),
          eb.fn.max('updated_at').as('updated')
        ])
        .execute();
      for (const row of rows) {
        result.set(row.user_name, {
          passedSteps: Number(row.passed),
          tutorials: Number(row.tutorials),
          updatedAt: new Date(row.updated as Date | string).toISOString()
        });
      }
      return result;
    }
  };
}

/** The training summary reader's interface. */
export type TrainingSummaryReader = ReturnType<
  typeof createTrainingSummaryReader
>;

/** The audit repository's interface. */
export type AuditRepository = ReturnType<typeof createAuditRepository>;
