/** Communities, hubs and the audit log: the first tables of the service. */
import { sql, type Kysely } from 'kysely';

// Migrations are frozen once landed: they take Kysely<any> and never import app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('communities')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('created_at', 'timestamptz', col =>
      col.notNull().defaultTo(sql`now()`)
    )
    .execute();

  await db.schema
    .createTable('hubs')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('community_id', 'text', col =>
      col.references('communities.id').onDelete('set null')
    )
    .addColumn('name', 'text', col => col.notNull())
    .addColumn('url', 'text', col => col.notNull().defaultTo(''))
    .addColumn('languages', sql`text[]`, col =>
      col.notNull().defaultTo(sql`'{en,es}'`)
    )
    .addColumn('created_at', 'timestamptz', col =>
      col.notNull().defaultTo(sql`now()`)
    )
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', col => col.primaryKey())
    .addColumn('hub_id', 'text', col =>
      col.references('hubs.id').onDelete('set null')
    )
    .addColumn('actor', 'text', col => col.notNull())
    .addColumn('action', 'text', col => col.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', col => col.notNull())
    .addColumn('detail', 'jsonb', col =>
      col.notNull().defaultTo(sql`'{}'::jsonb`)
    )
    .addColumn('at', 'timestamptz', col => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('audit_log_hub_at')
    .on('audit_log')
    .columns(['hub_id', 'at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('hubs').execute();
  await db.schema.dropTable('communities').execute();
}
