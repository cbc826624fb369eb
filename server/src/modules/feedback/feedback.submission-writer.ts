/**
 * A topic item's whole write, today's count then the item, in one queue: each round counts the days of
 * everything that queued during the last round in one statement, then writes its items, one statement
 * per kind. Two queues of their own (counts, items) would each keep their own cadence and send three
 * times as many smaller statements. Each statement is still its own transaction: a ledger row never
 * shares one with an item, nor an anonymous item with an identified one (docs/feedback.md).
 */
import type { Kysely } from 'kysely';
import { createBatcher } from '../../db/batcher.js';
import type { Database } from '../../db/database.js';
import type { createItemWriter, ItemWrite } from './feedback.item-writer.js';
import {
  takeDailyMany,
  type DailyTake,
  type Ledger
} from './feedback.ledger.js';

/** What became of a submission: written; refused by today's limit; or its key was taken first. */
export type SubmissionOutcome = 'written' | 'limited' | 'key_taken';

/** A submission: the day's claim and the item. */
export interface SubmissionWrite {
  day: DailyTake;
  write: ItemWrite;
}

type Settled = { outcome: SubmissionOutcome } | { error: unknown };

/** The submission writer over a database, its ledger and its item writer. */
export function createSubmissionWriter(
  db: Kysely<Database>,
  ledger: Ledger,
  items: ReturnType<typeof createItemWriter>
) {
  /** Counts the days (keys distinct), then writes the counted items; settles each on its own. */
  async function writeSubmissions(
    submissions: SubmissionWrite[]
  ): Promise<Settled[]> {
    const counted = await takeDailyMany(
      db,
      submissions.map(s => s.day)
    );
    const toWrite = submissions.filter((_, i) => counted[i]);
    const written = await Promise.allSettled(
      items.submitItems(toWrite.map(s => s.write))
    );
    const settled = new Map<SubmissionWrite, Settled>();
    await Promise.all(
      toWrite.map(async (s, j) => {
        const result = written[j] as PromiseSettledResult<boolean>;
        if (result.status === 'fulfilled' && result.value) {
          settled.set(s, { outcome: 'written' });
          return;
        }
        // Not written (a key taken first, or an error): the day's count goes back before anyone answers.
        await ledger.releaseDaily(s.day.key).catch(() => undefined);
        settled.set(
          s,
          result.status === 'fulfilled'
            ? { outcome: 'key_taken' }
            : { error: result.reason }
        );
      })
    );
    return submissions.map(s => settled.get(s) ?? { outcome: 'limited' });
  }

  const queue = createBatcher<SubmissionWrite, Settled>({
    keyOf: s => s.day.key,
    run: writeSubmissions
  });

  return {
    /** Counts today's submission and writes the item (see SubmissionOutcome); rejects as the write did. */
    async submitWithDay(
      day: DailyTake,
      write: ItemWrite
    ): Promise<SubmissionOutcome> {
      const settled = await queue.add({ day, write });
      if ('error' in settled) throw settled.error;
      return settled.outcome;
    }
  };
}
