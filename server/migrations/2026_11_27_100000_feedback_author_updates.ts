/** Feedback: when the author last had news of an item (a published response or a decision) and, for identified items, when they saw it. */
import { sql, type Kysely } from 'kysely';

// Migrations are frozen once landed: they take Kysely<any> and never import app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('feedback_items')
    .addColumn('news_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('feedback_items')
    .addColumn('author_seen_at', 'timestamptz')
    .execute();
  // Only a named author has a seen marker: an anonymous item's is kept in the author's browser.
  await sql`alter table feedback_items add constraint feedback_items_seen_identified
    check (author_seen_at is null or authorship = 'identified')`.execute(db);
  // "What is new for me" reads a person's few items through feedback_items_author (hub_id, author).
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table feedback_items drop constraint feedback_items_seen_identified`.execute(
    db
  );
  await db.schema
    .alterTable('feedback_items')
    .dropColumn('author_seen_at')
    .execute();
  await db.schema.alterTable('feedback_items').dropColumn('news_at').execute();
}
