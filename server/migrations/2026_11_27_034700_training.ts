/** Training: per-step progress and the idempotency keys of progress updates. */
import { sql, type Kysely } from 'kysely';

// Migrations are frozen once landed: they take Kysely<any> and never import app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_progress')
    .addColumn('hub_id', 'text', col =>
      col.notNull().references('hubs.id').onDelete('cascade')
    )
    .addColumn('user_name', 'text', col => col.notNull())
    .addColumn('tutorial_id', 'text', col => col.notNull())
    .addColumn('version', 'text', col => col.notNull())
    .addColumn('step_id', 'text', col => col.notNull())
    .addColumn('status', 'text', col => col.notNull())
    .addColumn('attempts', 'integer', col => col.notNull().defaultTo(0))
    .addColumn('hints_used', 'integer', col => col.notNull().defaultTo(0))
    .addColumn('first_passed_at', 'timestamptz')
    .addColumn('client_updated_at', 'timestamptz', col => col.notNull())
    .addColumn('updated_at', 'timestamptz', col =>
      col.notNull().defaultTo(sql`now()`)
    )
    .addPrimaryKeyConstraint('training_progress_pk', [
      'hub_id',
      'user_name',
      'tutorial_id',
      'version',
      'step_id'
    ])
    .addCheckConstraint(
      'training_progress_status',
      sql`status in ('started', 'failed', 'passed')`
    )
    .execute();

  await db.schema
    .createIndex('training_progress_hub_tutorial')
    .on('training_progress')
    .columns(['hub_id', 'tutorial_id'])
    .execute();

  await db.schema
    .createTable('training_idempotency')
    .addColumn('hub_id', 'text', col =>
      col.notNull().references('hubs.id').onDelete('cascade')
    )
    .addColumn('user_name', 'text', col => col.notNull())
    .addColumn('key', 'text', col => col.notNull())
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', col =>
      col.notNull().defaultTo(sql`now()`)
    )
    .addPrimaryKeyConstraint('training_idempotency_pk', [
      'hub_id',
      'user_name',
      'key'
    ])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_idempotency').execute();
  await db.schema.dropTable('training_progress').execute();
}
