/** The keyed ledger's writes (one-per-person rules): one statement each, committed without waiting for the disk. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { executeNamed } from '../../db/prepared.js';

/**
 * Each write is its own transaction, apart from the item's, so a ledger row and an item never share a
 * transaction id (docs/feedback.md). `set_config(..., true)` in the statement's source makes that
 * transaction's commit asynchronous: losing one in a crash only forgets a rate count, and the item's
 * later synchronous commit flushes it anyway, since the log is written in order.
 */
const asyncCommit = sql`(select set_config('synchronous_commit', 'off', true)) as async_commit`;

/** Ledger writes bound to a database (never to a transaction: see above). */
export function createLedger(db: Kysely<Database>) {
  return {
    /** Takes one of today's submissions from a person's daily counter; false when `max` were taken. */
    async takeDaily(
      key: string,
      hubId: string,
      purgeAfter: string,
      max: number
    ): Promise<boolean> {
      const { rows } = await executeNamed(
        sql<{ count: number }>`
        insert into feedback_ledger (key, hub_id, kind, consultation_id, count, purge_after)
        select ${key}, ${hubId}, 'day', null::uuid, 1, ${purgeAfter}::date from ${asyncCommit}
        on conflict (key) do update set count = feedback_ledger.count + 1
          where feedback_ledger.count < ${max}
        returning count`,
        db
      );
      return rows.length > 0;
    },

    /** Gives back a daily submission taken for a request that then failed. */
    async releaseDaily(key: string): Promise<void> {
      await executeNamed(
        sql`
        update feedback_ledger set count = greatest(count - 1, 0)
        from ${asyncCommit} where key = ${key}`,
        db
      );
    },

    /** Records "replied to this consultation"; false when it was recorded before. */
    async claimReply(
      key: string,
      hubId: string,
      consultationId: string,
      purgeAfter: string
    ): Promise<boolean> {
      const { rows } = await executeNamed(
        sql<{ key: string }>`
        insert into feedback_ledger (key, hub_id, kind, consultation_id, count, purge_after)
        select ${key}, ${hubId}, 'consultation', ${consultationId}::uuid, 1, ${purgeAfter}::date
        from ${asyncCommit}
        on conflict (key) do nothing
        returning key`,
        db
      );
      return rows.length > 0;
    },

    /** Forgets a reply claimed for a request that then failed. */
    async releaseReply(key: string): Promise<void> {
      await executeNamed(
        sql`
        delete from feedback_ledger using ${asyncCommit} where key = ${key}`,
        db
      );
    }
  };
}

/** The ledger's interface. */
export type Ledger = ReturnType<typeof createLedger>;
