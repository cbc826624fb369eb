/** Partnership reminders delivered in-product: when each was sent, and who has read it. */
import { sql, type Kysely } from 'kysely';

// Migrations are frozen once landed: they take Kysely<any> and never import app code.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table partnership_reminders add column sent_at timestamptz`.execute(
    db
  );
  // One row per reader: a hub user name is only unique within its hub.
  await sql`
    create table partnership_reminder_reads (
      reminder_id integer not null references partnership_reminders (id) on delete cascade,
      hub_id text not null references hubs (id) on delete cascade,
      user_name text not null,
      read_at timestamptz not null default now(),
      primary key (reminder_id, hub_id, user_name)
    )
  `.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('partnership_reminder_reads').execute();
  await sql`alter table partnership_reminders drop column sent_at`.execute(db);
}
