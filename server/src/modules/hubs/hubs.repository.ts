/** Queries on the hubs table; no HTTP here. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, HubsTable } from '../../db/database.js';

/** A hub row. */
export type Hub = Selectable<HubsTable>;

/** Hub queries over one database. */
export function createHubsRepository(db: Kysely<Database>) {
  return {
    /** Creates the hub or refreshes its name and URL; keeps community and languages. */
    async upsert(hub: { id: string; name: string; url: string }): Promise<Hub> {
      return db
        .insertInto('hubs')
        .values(hub)
        .onConflict(oc =>
          oc.column('id').doUpdateSet({ name: hub.name, url: hub.url })
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** The hub with this id, if any. */
    async findById(id: string): Promise<Hub | undefined> {
      return db
        .selectFrom('hubs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    }
  };
}

/** The hubs repository's interface. */
export type HubsRepository = ReturnType<typeof createHubsRepository>;
