/** Training: learners' "I'm stuck" requests, and tutorials a Hub Champion adds for their hub. */
import { sql, type Kysely } from 'kysely';

// Migrations are frozen once landed: they take Kysely<any> and never import app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_help_requests')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('hub_id', 'text', col =>
      col.notNull().references('hubs.id').onDelete('cascade')
    )
    .addColumn('user_name', 'text', col => col.notNull())
    // The learner's Idempotency-Key: a resent request is the same request.
    .addColumn('client_key', 'text', col => col.notNull())
    .addColumn('tutorial_id', 'text', col => col.notNull())
    .addColumn('version', 'text', col => col.notNull())
    .addColumn('step_id', 'text', col => col.notNull())
    .addColumn('note', 'text')
    // Attempts, hints and the last check's reasons: only with the learner's consent.
    .addColumn('context', 'jsonb')
    .addColumn('created_at', 'timestamptz', col =>
      col.notNull().defaultTo(sql`now()`)
    )
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .addUniqueConstraint('training_help_requests_key', [
      'hub_id',
      'user_name',
      'client_key'
    ])
    .execute();

  await db.schema
    .createIndex('training_help_requests_hub_open')
    .on('training_help_requests')
    .columns(['hub_id', 'resolved_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('training_hub_tutorials')
    .addColumn('hub_id', 'text', col =>
      col.notNull().references('hubs.id').onDelete('cascade')
    )
    .addColumn('tutorial_id', 'text', col => col.notNull())
    .addColumn('version', 'text', col => col.notNull())
    .addColumn('source', 'text', col => col.notNull())
    .addColumn('compiled', 'jsonb', col => col.notNull())
    .addColumn('uploaded_by', 'text', col => col.notNull())
    .addColumn('uploaded_at', 'timestamptz', col =>
      col.notNull().defaultTo(sql`now()`)
    )
    .addPrimaryKeyConstraint('training_hub_tutorials_pk', [
      'hub_id',
      'tutorial_id'
    ])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_hub_tutorials').execute();
  await db.schema.dropTable('training_help_requests').execute();
}
