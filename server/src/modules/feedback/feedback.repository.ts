/** Queries on the feedback tables; no HTTP and no rules beyond what SQL enforces. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { FeedbackConsultationsTable } from './feedback.tables.js';
import { createItemWriter } from './feedback.item-writer.js';
import { createLedger } from './feedback.ledger.js';
import { createSubmissionWriter } from './feedback.submission-writer.js';

/** An item row with its counts; `created_on` as `YYYY-MM-DD`. */
export interface ItemRow {
  id: string;
  hub_id: string;
  community_id: string | null;
  consultation_id: string | null;
  topic: string | null;
  anonymous: boolean;
  authorship: 'identified' | 'anonymous' | 'former';
  author: string | null;
  title: string;
  body: string;
  lang: string;
  context: Record<string, unknown> | null;
  state: string;
  merged_into: string | null;
  hidden: boolean;
  moderation: string;
  created_on: string;
  updated_at: Date | null;
  support_count: number;
  report_count: number;
}

/** A consultation row. */
export type ConsultationRow = Selectable<FeedbackConsultationsTable>;

/** A response row. */
export interface ResponseRow {
  id: string;
  item_id: string;
  text: string;
  lang: string;
  status: string;
  author: string;
  created_at: Date;
  published_at: Date | null;
}

/** Filters of item lists; every one optional. */
export interface ItemFilter {
  hubId?: string;
  state?: string;
  community?: string;
  consultationId?: string;
  lang?: string;
  topic?: string;
  hidden?: boolean;
  /** Members' lists: not hidden, not withdrawn, consultation results visible. */
  publicOnly?: { now: Date };
  after?: { createdOn: string; id: string };
  limit?: number;
}

/** A new item. */
export interface ItemInsert {
  id: string;
  hubId: string;
  communityId: string | null;
  consultationId: string | null;
  topic: string | null;
  anonymous: boolean;
  author: string | null;
  receiptHash: string | null;
  title: string;
  body: string;
  lang: string;
  context: Record<string, unknown> | null;
  createdOn: string;
}

/** A history line to append. */
export interface HistoryInsert {
  itemId: string;
  kind: string;
  from?: string | null;
  to?: string | null;
  actorRole: 'author' | 'core-team' | 'system';
  actor?: string | null;
  note?: string | null;
  at?: Date | string;
}

function feedbackQueries(db: Kysely<Database>) {
  const items = () =>
    db
      .selectFrom('feedback_items as i')
      .select([
        'i.id',
        'i.hub_id',
        'i.community_id',
        'i.consultation_id',
        'i.topic',
        'i.anonymous',
        'i.authorship',
        'i.author',
        'i.title',
        'i.body',
        'i.lang',
        'i.context',
        'i.state',
        'i.merged_into',
        'i.hidden',
        'i.moderation',
        'i.updated_at',
        sql<string>`i.created_on::text`.as('created_on'),
        sql<number>`(select count(*)::int from feedback_supports s where s.item_id = i.id)`.as(
          'support_count'
        ),
        sql<number>`(select count(*)::int from feedback_reports r where r.item_id = i.id)`.as(
          'report_count'
        )
      ]);

  return {
    /** The community the hub belongs to. */
    async hubCommunity(hubId: string): Promise<string | null> {
      const row = await db
        .selectFrom('hubs')
        .select('community_id')
        .where('id', '=', hubId)
        .executeTakeFirst();
      return row?.community_id ?? null;
    },

    async consultation(
      id: string,
      forUpdate = false
    ): Promise<ConsultationRow | undefined> {
      let query = db
        .selectFrom('feedback_consultations')
        .selectAll()
        .where('id', '=', id);
      if (forUpdate) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    /** Consultations addressed to a community (or to all), not closed before `closedSince`. */
    async consultationsFor(
      communityId: string | null,
      closedSince: Date
    ): Promise<ConsultationRow[]> {
      return db
        .selectFrom('feedback_consultations')
        .selectAll()
        .where('closes_at', '>=', closedSince)
        .where(eb =>
          eb.or([
            sql<boolean>`cardinality(communities) = 0`,
            ...(communityId
              ? [sql<boolean>`${communityId} = any(communities)`]
              : [])
          ])
        )
        .orderBy('closes_at')
        .execute();
    },

    async allConsultations(): Promise<ConsultationRow[]> {
      return db
        .selectFrom('feedback_consultations')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(500)
        .execute();
    },

    async insertConsultation(
      values: Omit<ConsultationRow, 'id' | 'created_at'>
    ): Promise<ConsultationRow> {
      return db
        .insertInto('feedback_consultations')
        .values(values)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async updateConsultation(
      id: string,
      values: Partial<
        Pick<
          ConsultationRow,
          | 'question'
          | 'description'
          | 'closes_at'
          | 'anonymous'
          | 'results_hidden'
        >
      >
    ): Promise<ConsultationRow> {
      return db
        .updateTable('feedback_consultations')
        .set(values)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Replies per consultation (withdrawn ones included: they were replies). */
    async replyCounts(ids: string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('feedback_items')
        .select(['consultation_id', sql<number>`count(*)::int`.as('n')])
        .where('consultation_id', 'in', ids)
        .groupBy('consultation_id')
        .execute();
      return new Map(rows.map(r => [r.consultation_id as string, r.n]));
    },

    /** Which of these ledger keys exist. */
    async ledgerHas(keys: string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db
        .selectFrom('feedback_ledger')
        .select('key')
        .where('key', 'in', keys)
        .execute();
      return new Set(rows.map(r => r.key));
    },

    async idempotency(
      key: string
    ): Promise<{ item_id: string; body_hash: string } | undefined> {
      return db
        .selectFrom('feedback_idempotency')
        .select(['item_id', 'body_hash'])
        .where('key', '=', key)
        .executeTakeFirst();
    },

    /** Locks items in id order, so two merges in opposite directions cannot deadlock. */
    async lockItems(ids: string[]): Promise<void> {
      await db
        .selectFrom('feedback_items')
        .select('id')
        .where('id', 'in', ids)
        .orderBy('id')
        .forUpdate()
        .execute();
    },

    async item(id: string, forUpdate = false): Promise<ItemRow | undefined> {
      let query = items().where('i.id', '=', id);
      if (forUpdate) query = query.forUpdate();
      return query.executeTakeFirst() as Promise<ItemRow | undefined>;
    },

    /** Items matching the filter, newest day first. */
    async list(filter: ItemFilter): Promise<ItemRow[]> {
      let query = items();
      if (filter.hubId) query = query.where('i.hub_id', '=', filter.hubId);
      if (filter.state) query = query.where('i.state', '=', filter.state);
      if (filter.community)
        query = query.where('i.community_id', '=', filter.community);
      if (filter.consultationId)
        query = query.where('i.consultation_id', '=', filter.consultationId);
      if (filter.lang) query = query.where('i.lang', '=', filter.lang);
      if (filter.topic) query = query.where('i.topic', '=', filter.topic);
      if (filter.hidden !== undefined)
        query = query.where('i.hidden', '=', filter.hidden);
      if (filter.publicOnly) {
        const now = filter.publicOnly.now;
        query = query
          .where('i.hidden', '=', false)
          .where('i.state', '<>', 'withdrawn')
          .where(eb =>
            eb.or([
              eb('i.consultation_id', 'is', null),
              eb.exists(
                eb
                  .selectFrom('feedback_consultations as c')
                  .select('c.id')
                  .whereRef('c.id', '=', 'i.consultation_id')
                  .where(inner =>
                    inner.or([
                      inner('c.results_hidden', '=', false),
                      inner('c.closes_at', '<=', now)
                    ])
                  )
              )
            ])
          );
      }
      if (filter.after) {
        const { createdOn, id } = filter.after;
        query = query.where(
          sql<boolean>`(i.created_on, i.id) < (${createdOn}::date, ${id}::uuid)`
        );
      }
      return (await query
        .orderBy('i.created_on', 'desc')
        .orderBy('i.id', 'desc')
        .limit(filter.limit ?? 10000)
        .execute()) as ItemRow[];
    },

    async byAuthor(hubId: string, author: string): Promise<ItemRow[]> {
      return (await items()
        .where('i.hub_id', '=', hubId)
        .where('i.author', '=', author)
        .orderBy('i.created_on', 'desc')
        .orderBy('i.id', 'desc')
        .execute()) as ItemRow[];
    },

    /** Items of a hub by receipt hash, with the hash that found each. */
    async byReceipts(
      hubId: string,
      hashes: string[]
    ): Promise<(ItemRow & { receipt_hash: string })[]> {
      if (hashes.length === 0) return [];
      return (await items()
        .select('i.receipt_hash')
        .where('i.hub_id', '=', hubId)
        .where('i.receipt_hash', 'in', hashes)
        .execute()) as (ItemRow & { receipt_hash: string })[];
    },

    /** Stamps news for the author: a response was published or a decision taken. */
    async markNews(id: string): Promise<void> {
      await db
        .updateTable('feedback_items')
        // Milliseconds, as the wire carries it: a `through` sent back then matches exactly.
        .set({ news_at: sql`date_trunc('milliseconds', now())` })
        .where('id', '=', id)
        .execute();
    },

    /** A person's identified items with news they have not seen. */
    async unseenNews(
      hubId: string,
      author: string
    ): Promise<{ id: string; news_at: Date }[]> {
      return (await db
        .selectFrom('feedback_items')
        .select(['id', 'news_at'])
        .where('hub_id', '=', hubId)
        .where('author', '=', author)
        .where('authorship', '=', 'identified')
        .where('news_at', 'is not', null)
        .where(sql<boolean>`news_at > coalesce(author_seen_at, '-infinity')`)
        .orderBy('news_at', 'desc')
        .execute()) as { id: string; news_at: Date }[];
    },

    /** When items found by receipt hash last had news (null: never). */
    async newsByReceipts(
      hubId: string,
      hashes: string[]
    ): Promise<{ id: string; receipt_hash: string; news_at: Date | null }[]> {
      if (hashes.length === 0) return [];
      return (await db
        .selectFrom('feedback_items')
        .select(['id', 'receipt_hash', 'news_at'])
        .where('hub_id', '=', hubId)
        .where('receipt_hash', 'in', hashes)
        .execute()) as {
        id: string;
        receipt_hash: string;
        news_at: Date | null;
      }[];
    },

    /**
     * Marks an identified author's news seen up to `through` (never past the news itself, so news
     * published after the author looked stays unseen); returns how many items changed.
     */
    async markSeen(
      hubId: string,
      author: string,
      id: string,
      through: string
    ): Promise<number> {
      const result = await db
        .updateTable('feedback_items')
        .set({ author_seen_at: sql`least(news_at, ${through}::timestamptz)` })
        .where('id', '=', id)
        .where('hub_id', '=', hubId)
        .where('author', '=', author)
        .where('authorship', '=', 'identified')
        .where('news_at', 'is not', null)
        .where(
          sql<boolean>`coalesce(author_seen_at, '-infinity') < least(news_at, ${through}::timestamptz)`
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** When a person last saw the news of each of their identified items (for their data export). */
    async seenBy(
      hubId: string,
      author: string
    ): Promise<{ id: string; author_seen_at: Date }[]> {
      return (await db
        .selectFrom('feedback_items')
        .select(['id', 'author_seen_at'])
        .where('hub_id', '=', hubId)
        .where('author', '=', author)
        .where('author_seen_at', 'is not', null)
        .execute()) as { id: string; author_seen_at: Date }[];
    },

    async receiptHashOf(id: string): Promise<string | null> {
      const row = await db
        .selectFrom('feedback_items')
        .select('receipt_hash')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.receipt_hash ?? null;
    },

    async setState(
      id: string,
      state: string,
      mergedInto: string | null = null
    ): Promise<void> {
      await db
        .updateTable('feedback_items')
        .set({ state, merged_into: mergedInto, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Sets the author's own withdrawal without stamping a time (an anonymous item keeps only its date). */
    async withdraw(id: string): Promise<void> {
      await db
        .updateTable('feedback_items')
        .set({ state: 'withdrawn' })
        .where('id', '=', id)
        .execute();
    },

    async setModeration(
      id: string,
      hidden: boolean,
      moderation: string
    ): Promise<void> {
      await db
        .updateTable('feedback_items')
        .set({ hidden, moderation, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Item ids among `ids` that `user` supports. */
    async supportedBy(user: string, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('feedback_supports')
        .select('item_id')
        .where('user_name', '=', user)
        .where('item_id', 'in', ids)
        .execute();
      return new Set(rows.map(r => r.item_id));
    },

    async addSupport(itemId: string, hubId: string, user: string) {
      await db
        .insertInto('feedback_supports')
        .values({ item_id: itemId, hub_id: hubId, user_name: user })
        .onConflict(oc => oc.columns(['item_id', 'user_name']).doNothing())
        .execute();
    },

    async removeSupport(itemId: string, user: string) {
      await db
        .deleteFrom('feedback_supports')
        .where('item_id', '=', itemId)
        .where('user_name', '=', user)
        .execute();
    },

    async supportCount(itemId: string): Promise<number> {
      const row = await db
        .selectFrom('feedback_supports')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('item_id', '=', itemId)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** Moves a merged item's supporters to the canonical item, without duplicates. */
    async moveSupports(fromId: string, toId: string): Promise<void> {
      await sql`
        insert into feedback_supports (item_id, hub_id, user_name)
        select ${toId}::uuid, hub_id, user_name from feedback_supports where item_id = ${fromId}::uuid
        on conflict (item_id, user_name) do nothing`.execute(db);
      await db
        .deleteFrom('feedback_supports')
        .where('item_id', '=', fromId)
        .execute();
    },

    async supporters(itemId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('feedback_supports')
        .select('user_name')
        .where('item_id', '=', itemId)
        .orderBy('user_name')
        .execute();
      return rows.map(r => r.user_name);
    },

    /** Records a report; false when this person reported the item before. */
    async addReport(
      itemId: string,
      hubId: string,
      user: string,
      reason: string
    ): Promise<boolean> {
      const row = await db
        .insertInto('feedback_reports')
        .values({ item_id: itemId, hub_id: hubId, user_name: user, reason })
        .onConflict(oc => oc.columns(['item_id', 'user_name']).doNothing())
        .returning('item_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async reportCount(itemId: string): Promise<number> {
      const row = await db
        .selectFrom('feedback_reports')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('item_id', '=', itemId)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    async responsesFor(
      itemIds: string[],
      publishedOnly: boolean
    ): Promise<ResponseRow[]> {
      if (itemIds.length === 0) return [];
      let query = db
        .selectFrom('feedback_responses')
        .selectAll()
        .where('item_id', 'in', itemIds);
      if (publishedOnly) query = query.where('status', '=', 'published');
      return (await query
        .orderBy('created_at')
        .orderBy('id')
        .execute()) as ResponseRow[];
    },

    async response(id: string): Promise<ResponseRow | undefined> {
      return (await db
        .selectFrom('feedback_responses')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) as ResponseRow | undefined;
    },

    async insertResponse(values: {
      itemId: string;
      text: string;
      lang: string;
      author: string;
      publish: boolean;
    }): Promise<ResponseRow> {
      return (await db
        .insertInto('feedback_responses')
        .values({
          item_id: values.itemId,
          text: values.text,
          lang: values.lang,
          author: values.author,
          status: values.publish ? 'published' : 'draft',
          published_at: values.publish ? sql`now()` : null
        })
        .returningAll()
        .executeTakeFirstOrThrow()) as ResponseRow;
    },

    async updateResponse(
      id: string,
      values: { text?: string; publish?: boolean }
    ): Promise<ResponseRow> {
      return (await db
        .updateTable('feedback_responses')
        .set({
          ...(values.text !== undefined ? { text: values.text } : {}),
          ...(values.publish
            ? { status: 'published', published_at: sql`now()` }
            : {})
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()) as ResponseRow;
    },

    async hasPublishedResponse(itemId: string): Promise<boolean> {
      const row = await db
        .selectFrom('feedback_responses')
        .select('id')
        .where('item_id', '=', itemId)
        .where('status', '=', 'published')
        .executeTakeFirst();
      return row !== undefined;
    },

    async appendHistory(entry: HistoryInsert): Promise<void> {
      await db
        .insertInto('feedback_history')
        .values({
          item_id: entry.itemId,
          kind: entry.kind,
          from_state: entry.from ?? null,
          to_state: entry.to ?? null,
          actor_role: entry.actorRole,
          actor: entry.actor ?? null,
          note: entry.note ?? null,
          at: entry.at ?? sql`now()`
        } as never)
        .execute();
    },

    async history(itemId: string) {
      return db
        .selectFrom('feedback_history')
        .selectAll()
        .where('item_id', '=', itemId)
        .orderBy('id')
        .execute();
    },

    /** Counts per week × state × topic, with how many of each cell are anonymous. */
    async trendCells(filter: {
      from?: string;
      to?: string;
      hubId?: string;
      community?: string;
      consultationId?: string;
      topic?: string;
    }) {
      let query = db
        .selectFrom('feedback_items as i')
        .select([
          sql<string>`date_trunc('week', i.created_on::timestamp)::date::text`.as(
            'week'
          ),
          'i.state',
          sql<string>`coalesce(i.topic, 'consultation')`.as('topic'),
          sql<number>`count(*)::int`.as('count'),
          sql<number>`count(*) filter (where i.anonymous)::int`.as('anonymous')
        ]);
      if (filter.from) query = query.where('i.created_on', '>=', filter.from);
      if (filter.to) query = query.where('i.created_on', '<=', filter.to);
      if (filter.hubId) query = query.where('i.hub_id', '=', filter.hubId);
      if (filter.community)
        query = query.where('i.community_id', '=', filter.community);
      if (filter.consultationId)
        query = query.where('i.consultation_id', '=', filter.consultationId);
      if (filter.topic) query = query.where('i.topic', '=', filter.topic);
      return query
        .groupBy([sql`1`, 'i.state', sql`3`])
        .orderBy(sql`1`)
        .orderBy('i.state')
        .orderBy(sql`3`)
        .execute();
    },

    /** Anonymous items per (hub, consultation-or-topic) group, to suppress small groups in exports. */
    async anonymousGroupSizes(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('feedback_items')
        .select([
          'hub_id',
          sql<string>`coalesce(consultation_id::text, topic)`.as('grp'),
          sql<number>`count(*)::int`.as('n')
        ])
        .where('anonymous', '=', true)
        .groupBy(['hub_id', sql`2`])
        .execute();
      return new Map(rows.map(r => [`${r.hub_id}\u0000${r.grp}`, r.n]));
    },

    async audit(entry: {
      hubId: string;
      actor: string;
      action: string;
      target: string | null;
      detail: Record<string, unknown>;
    }): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          hub_id: entry.hubId,
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          outcome: 'ok',
          detail: JSON.stringify(entry.detail)
        })
        .execute();
    },

    async reportsBy(hubId: string, user: string) {
      return db
        .selectFrom('feedback_reports')
        .select(['item_id', 'reason', 'at'])
        .where('hub_id', '=', hubId)
        .where('user_name', '=', user)
        .execute();
    },

    async supportsBy(hubId: string, user: string) {
      return db
        .selectFrom('feedback_supports as s')
        .innerJoin('feedback_items as i', 'i.id', 's.item_id')
        .select(['s.item_id', 'i.title'])
        .where('s.hub_id', '=', hubId)
        .where('s.user_name', '=', user)
        .execute();
    },

    /** Removes a person's supports and reports; answers how many. */
    async eraseActivity(
      hubId: string,
      user: string
    ): Promise<{ supports: number; reports: number }> {
      const supports = await db
        .deleteFrom('feedback_supports')
        .where('hub_id', '=', hubId)
        .where('user_name', '=', user)
        .executeTakeFirst();
      const reports = await db
        .deleteFrom('feedback_reports')
        .where('hub_id', '=', hubId)
        .where('user_name', '=', user)
        .executeTakeFirst();
      return {
        supports: Number(supports.numDeletedRows),
        reports: Number(reports.numDeletedRows)
      };
    },

    async deleteItems(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.deleteFrom('feedback_items').where('id', 'in', ids).execute();
    },

    async reattribute(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('feedback_items')
        .set({ author: null, authorship: 'former', author_seen_at: null })
        .where('id', 'in', ids)
        .execute();
    },

    /** Forgets expired idempotency keys and ledger rows past their purge date. */
    async purge(today: string): Promise<void> {
      await db
        .deleteFrom('feedback_idempotency')
        .where('expires_on', '<', today)
        .execute();
      await db
        .deleteFrom('feedback_ledger')
        .where('purge_after', '<', today)
        .execute();
    },

    /** Whether any consultation exists (for the demo seed). */
    async hasConsultations(): Promise<boolean> {
      const row = await db
        .selectFrom('feedback_consultations')
        .select('id')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    }
  };
}

/** Feedback queries bound to a database or a transaction. */
export type FeedbackQueries = ReturnType<typeof feedbackQueries>;

/** Feedback queries plus transactions over them. */
export function createFeedbackRepository(db: Kysely<Database>) {
  const ledger = createLedger(db);
  const items = createItemWriter(db);
  return {
    ...feedbackQueries(db),

    /** New items, concurrent ones written together (feedback.item-writer.ts). */
    ...items,

    /** Topic items with their day's count, in one queue (feedback.submission-writer.ts). */
    ...createSubmissionWriter(db, ledger, items),

    /** The keyed ledger's writes, each its own asynchronously committed statement. */
    ledger,

    /** Runs `work` in a transaction with queries bound to it. */
    async transaction<T>(
      work: (trx: FeedbackQueries) => Promise<T>
    ): Promise<T> {
      return db.transaction().execute(trx => work(feedbackQueries(trx)));
    }
  };
}

/** The feedback repository's interface. */
export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
