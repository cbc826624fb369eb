/** Governance feedback: consultations, items, supports, reports, responses, history, the keyed ledger and idempotency keys. */
import { sql, type Kysely } from 'kysely';

// Migrations are frozen once landed: they take Kysely<any> and never import app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feedback_consultations')
    .addColumn('id', 'uuid', col =>
      col.primaryKey().defaultTo(sql`gen_random_uuid()`)
    )
    // The hub whose Core Team opened it; consultations address communities across hubs.
    .addColumn('hub_id', 'text', col =>
      col.references('hubs.id').onDelete('set null')
    )
    .addColumn('question', 'text', col => col.notNull())
    .addColumn('description', 'text', col => col.notNull().defaultTo(''))
    .addColumn('communities', sql`text[]`, col =>
      col.notNull().defaultTo(sql`'{}'::text[]`)
    )
    .addColumn('languages', sql`text[]`, col =>
      col.notNull().defaultTo(sql`'{}'::text[]`)
    )
    .addColumn('opens_at', 'timestamptz', col => col.notNull())
    .addColumn('closes_at', 'timestamptz', col => col.notNull())
    .addColumn('anonymous', 'boolean', col => col.notNull().defaultTo(false))
    .addColumn('results_hidden', 'boolean', col =>
      col.notNull().defaultTo(false)
    )
    .addColumn('created_by', 'text', col => col.notNull())
    .addColumn('created_at', 'timestamptz', col =>
      col.notNull().defaultTo(sql`now()`)
    )
    .addCheckConstraint(
      'feedback_consultations_window',
      sql`closes_at > opens_at`
    )
    .execute();

  await db.schema
    .createTable('feedback_items')
    .addColumn('id', 'uuid', col => col.primaryKey())
    .addColumn('hub_id', 'text', col =>
      col.notNull().references('hubs.id').onDelete('cascade')
    )
    .addColumn('community_id', 'text')
    .addColumn('consultation_id', 'uuid', col =>
      col.references('feedback_consultations.id').onDelete('restrict')
    )
    .addColumn('topic', 'text')
    .addColumn('anonymous', 'boolean', col => col.notNull())
    .addColumn('authorship', 'text', col => col.notNull())
    // Null for anonymous items and after re-attribution to "former participant".
    .addColumn('author', 'text')
    // SHA-256 of an anonymous item's receipt code; the code itself is never stored.
    .addColumn('receipt_hash', 'text', col => col.unique())
    .addColumn('title', 'text', col => col.notNull())
    .addColumn('body', 'text', col => col.notNull())
    .addColumn('lang', 'text', col => col.notNull())
    .addColumn('context', 'jsonb')
    .addColumn('state', 'text', col => col.notNull().defaultTo('new'))
    .addColumn('merged_into', 'uuid', col =>
      col.references('feedback_items.id').onDelete('set null')
    )
    .addColumn('hidden', 'boolean', col => col.notNull().defaultTo(false))
    .addColumn('moderation', 'text', col => col.notNull().defaultTo('visible'))
    // A date only: an anonymous item must carry no finer time.
    .addColumn('created_on', 'date', col => col.notNull())
    // Set by Core Team changes only, never at submission.
    .addColumn('updated_at', 'timestamptz')
    .addCheckConstraint(
      'feedback_items_topic_or_consultation',
      sql`(topic is null) <> (consultation_id is null)`
    )
    .addCheckConstraint(
      'feedback_items_authorship',
      sql`(authorship = 'identified' and author is not null and not anonymous)
        or (authorship = 'anonymous' and author is null and anonymous)
        or (authorship = 'former' and author is null and not anonymous)`
    )
    .addCheckConstraint(
      'feedback_items_state',
      sql`state in ('new', 'under_review', 'accepted', 'implemented', 'declined', 'merged', 'withdrawn')`
    )
    .addCheckConstraint(
      'feedback_items_moderation',
      sql`moderation in ('visible', 'hidden', 'restored')`
    )
    .execute();
  await db.schema
    .createIndex('feedback_items_hub_created')
    .on('feedback_items')
    .columns(['hub_id', 'created_on', 'id'])
    .execute();
  await db.schema
    .createIndex('feedback_items_author')
    .on('feedback_items')
    .columns(['hub_id', 'author'])
    .execute();
  await db.schema
    .createIndex('feedback_items_consultation')
    .on('feedback_items')
    .column('consultation_id')
    .execute();

  await db.schema
    .createTable('feedback_supports')
    .addColumn('item_id', 'uuid', col =>
      col.notNull().references('feedback_items.id').onDelete('cascade')
    )
    .addColumn('hub_id', 'text', col => col.notNull())
    .addColumn('user_name', 'text', col => col.notNull())
    .addPrimaryKeyConstraint('feedback_supports_pk', ['item_id', 'user_name'])
    .execute();
  await db.schema
    .createIndex('feedback_supports_user')
    .on('feedback_supports')
    .columns(['hub_id', 'user_name'])
    .execute();

  await db.schema
    .createTable('feedback_reports')
    .addColumn('item_id', 'uuid', col =>
      col.notNull().references('feedback_items.id').onDelete('cascade')
    )
    .addColumn('hub_id', 'text', col => col.notNull())
    .addColumn('user_name', 'text', col => col.notNull())
    .addColumn('reason', 'text', col => col.notNull())
    .addColumn('at', 'timestamptz', col => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('feedback_reports_pk', ['item_id', 'user_name'])
    .execute();

  await db.schema
    .createTable('feedback_responses')
    .addColumn('id', 'uuid', col =>
      col.primaryKey().defaultTo(sql`gen_random_uuid()`)
    )
    .addColumn('item_id', 'uuid', col =>
      col.notNull().references('feedback_items.id').onDelete('cascade')
    )
    .addColumn('text', 'text', col => col.notNull())
    .addColumn('lang', 'text', col => col.notNull())
    .addColumn('status', 'text', col => col.notNull().defaultTo('draft'))
    .addColumn('author', 'text', col => col.notNull())
    .addColumn('created_at', 'timestamptz', col =>
      col.notNull().defaultTo(sql`now()`)
    )
    .addColumn('published_at', 'timestamptz')
    .addCheckConstraint(
      'feedback_responses_status',
      sql`(status = 'draft' and published_at is null) or (status = 'published' and published_at is not null)`
    )
    .execute();
  await db.schema
    .createIndex('feedback_responses_item')
    .on('feedback_responses')
    .column('item_id')
    .execute();

  // No foreign key: the history outlives an erased item (it names no author).
  await db.schema
    .createTable('feedback_history')
    .addColumn('id', 'bigserial', col => col.primaryKey())
    .addColumn('item_id', 'uuid', col => col.notNull())
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('actor_role', 'text', col => col.notNull())
    .addColumn('actor', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', col => col.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_history_item')
    .on('feedback_history')
    .columns(['item_id', 'id'])
    .execute();
  await sql`
    create function feedback_history_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'feedback_history is append-only';
    end
    $$`.execute(db);
  await sql`
    create trigger feedback_history_no_change
    before update or delete on feedback_history
    for each row execute function feedback_history_append_only()`.execute(db);

  // Keyed ledger: HMAC(server secret, scope, hub, user, consultation or day). No user, no item, no time.
  await db.schema
    .createTable('feedback_ledger')
    .addColumn('key', 'text', col => col.primaryKey())
    .addColumn('hub_id', 'text', col => col.notNull())
    .addColumn('kind', 'text', col => col.notNull())
    .addColumn('consultation_id', 'uuid', col =>
      col.references('feedback_consultations.id').onDelete('cascade')
    )
    .addColumn('count', 'integer', col => col.notNull().defaultTo(1))
    .addColumn('purge_after', 'date', col => col.notNull())
    .addCheckConstraint(
      'feedback_ledger_kind',
      sql`kind in ('consultation', 'day')`
    )
    .execute();

  // Idempotency: HMAC(server secret, hub, user, key) → item; kept 7 days.
  await db.schema
    .createTable('feedback_idempotency')
    .addColumn('key', 'text', col => col.primaryKey())
    .addColumn('item_id', 'uuid', col => col.notNull())
    .addColumn('body_hash', 'text', col => col.notNull())
    .addColumn('expires_on', 'date', col => col.notNull())
    // Deferred: the key is claimed before the item exists, so a concurrent repeat waits on it.
    .addForeignKeyConstraint(
      'feedback_idempotency_item',
      ['item_id'],
      'feedback_items',
      ['id'],
      fk => fk.onDelete('cascade').deferrable().initiallyDeferred()
    )
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback_idempotency').execute();
  await db.schema.dropTable('feedback_ledger').execute();
  await db.schema.dropTable('feedback_history').execute();
  await sql`drop function if exists feedback_history_append_only()`.execute(db);
  await db.schema.dropTable('feedback_responses').execute();
  await db.schema.dropTable('feedback_reports').execute();
  await db.schema.dropTable('feedback_supports').execute();
  await db.schema.dropTable('feedback_items').execute();
  await db.schema.dropTable('feedback_consultations').execute();
}
