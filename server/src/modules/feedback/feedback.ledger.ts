/** The keyed ledger's writes (one-per-person rules), committed without waiting for the disk; concurrent day counts share a statement. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { createBatcher } from '../../db/batcher.js';
import { executeNamed } from '../../db/prepared.js';

/**
 * Each write is its own transaction, apart from the item's, so a ledger row and an item never share a
 * transaction id (docs/feedback.md). `set_config(..., true)` in the statement's source makes that
 * transaction's commit asynchronous: losing one in a crash only forgets a rate count, and the item's
 * later synchronous commit flushes it anyway, since the log is written in order.
 */
const asyncCommit = sql`(select set_config('synchronous_commit', 'off', true)) as async_commit`;

/** One person's claim on today's counter. */
export interface DailyTake {
  key: string;
  hubId: string;
  purgeAfter: string;
  max: number;
}

/** Takes one of today's submissions for each claim (keys distinct); answers which were counted. */
export async function takeDailyMany(
  db: Kysely<Database>,
  takes: DailyTake[]
): Promise<boolean[]> {
  const counted = new Set<string>();
  // One statement per daily maximum: in practice one, as every caller passes the hub's setting.
  for (const max of new Set(takes.map(t => t.max))) {
    const some = takes.filter(t => t.max === max);
    const { rows } = await executeNamed(
      sql<{ key: string }>`
      insert into feedback_ledger (key, hub_id, kind, consultation_id, count, purge_after)
      select t.key, t.hub_id, 'day', null::uuid, 1, t.purge_after
      from unnest(${some.map(t => t.key)}::text[], ${some.map(t => t.hubId)}::text[],
        ${some.map(t => t.purgeAfter)}::date[]) as t(key, hub_id, purge_after)
      cross join ${asyncCommit}
      on conflict (key) do update set count = feedback_ledger.count + 1
        where feedback_ledger.count < ${max}
      returning key`,
      db
    );
    for (const row of rows) counted.add(row.key);
  }
  return takes.map(t => counted.has(t.key));
}

/** Ledger writes bound to a database (never to a transaction: see above). */
export function createLedger(db: Kysely<Database>) {
  // Concurrent submissions count their days in one statement (one person's key at most once in it).
  const daily = createBatcher<DailyTake, boolean>({
    keyOf: take => take.key,
    run: takes => takeDailyMany(db, takes)
  });

  return {
    /** Takes one of today's submissions from a person's daily counter; false when `max` were taken. */
    takeDaily(take: DailyTake): Promise<boolean> {
      return daily.add(take);
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
