/** New items: each with its idempotency row and `submitted` history line, concurrent ones in one statement. */
import { sql, type Kysely } from 'kysely';
import { createBatcher } from '../../db/batcher.js';
import type { Database } from '../../db/database.js';
import { executeNamed } from '../../db/prepared.js';
import type { ItemInsert } from './feedback.repository.js';

/** One item to write, with its idempotency key (if sent) and its history time (null: the commit's). */
export interface ItemWrite {
  item: ItemInsert;
  key: { mac: string; bodyHash: string; expiresOn: string } | null;
  historyAt: string | null;
}

/**
 * Writes the items whose idempotency key is free (or who have none), with their history lines, in
 * one statement; answers whether each was written. An item whose key another request claimed first
 * is not written (that request's item answers the repeat).
 */
async function writeItems(
  db: Kysely<Database>,
  writes: ItemWrite[]
): Promise<boolean[]> {
  const column = <T>(pick: (w: ItemWrite) => T): T[] => writes.map(pick);
  const { rows } = await executeNamed(
    sql<{ id: string }>`
    with input as (
      select * from unnest(
        ${column(w => w.item.id)}::uuid[], ${column(w => w.item.hubId)}::text[],
        ${column(w => w.item.communityId)}::text[], ${column(w => w.item.consultationId)}::uuid[],
        ${column(w => w.item.topic)}::text[], ${column(w => w.item.anonymous)}::boolean[],
        ${column(w => w.item.author)}::text[], ${column(w => w.item.receiptHash)}::text[],
        ${column(w => w.item.title)}::text[], ${column(w => w.item.body)}::text[],
        ${column(w => w.item.lang)}::text[],
        ${column(w => (w.item.context ? JSON.stringify(w.item.context) : null))}::text[],
        ${column(w => w.item.createdOn)}::date[], ${column(w => w.key?.mac ?? null)}::text[],
        ${column(w => w.key?.bodyHash ?? null)}::text[], ${column(w => w.key?.expiresOn ?? null)}::date[],
        ${column(w => w.historyAt)}::timestamptz[]
      ) as t(id, hub_id, community_id, consultation_id, topic, anonymous, author, receipt_hash,
             title, body, lang, context, created_on, key_mac, body_hash, key_expires_on, history_at)
    ), claim as (
      insert into feedback_idempotency (key, item_id, body_hash, expires_on)
      select key_mac, id, body_hash, key_expires_on from input where key_mac is not null
      on conflict (key) do nothing
      returning item_id
    ), item as (
      insert into feedback_items (id, hub_id, community_id, consultation_id, topic, anonymous,
        authorship, author, receipt_hash, title, body, lang, context, created_on)
      select id, hub_id, community_id, consultation_id, topic, anonymous,
        case when anonymous then 'anonymous' else 'identified' end, author, receipt_hash,
        title, body, lang, context::jsonb, created_on
      from input
      where key_mac is null or id in (select item_id from claim)
      returning id
    ), history as (
      insert into feedback_history (item_id, kind, to_state, actor_role, at)
      select input.id, 'submitted', 'new', 'author', coalesce(input.history_at, now())
      from input join item on item.id = input.id
    )
    select id from item`,
    db
  );
  const written = new Set(rows.map(r => r.id));
  return writes.map(w => written.has(w.item.id));
}

/**
 * The item writer of one database. Anonymous and identified items never share a statement: an
 * anonymous item's transaction id then sits only beside other anonymous items, whose history keeps
 * only their date (docs/feedback.md, Anonymity).
 */
export function createItemWriter(db: Kysely<Database>) {
  const lane = () =>
    createBatcher<ItemWrite, boolean>({
      run: writes => writeItems(db, writes)
    });
  const lanes = { anonymous: lane(), identified: lane() };
  return {
    /** Writes one item (see writeItems); false when its idempotency key was taken first. */
    submitItem(
      item: ItemInsert,
      key: ItemWrite['key'],
      historyAt: string | null
    ): Promise<boolean> {
      const lane = item.anonymous ? lanes.anonymous : lanes.identified;
      return lane.add({ item, key, historyAt });
    },

    /** Writes several items, each kind in one statement where it can; answers each one's as submitItem. */
    submitItems(writes: ItemWrite[]): Promise<boolean>[] {
      // Each lane answers in the order it was given, so each write takes the next answer of its lane.
      const answers = {
        anonymous: lanes.anonymous.addAll(writes.filter(w => w.item.anonymous)),
        identified: lanes.identified.addAll(
          writes.filter(w => !w.item.anonymous)
        )
      };
      return writes.map(
        w =>
          (w.item.anonymous
            ? answers.anonymous
            : answers.identified
          ).shift() as Promise<boolean>
      );
    }
  };
}
