/** Queries on the hubs table; no HTTP here. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, HubsTable } from '../../db/database.js';
import { precompile } from '../../db/prepared.js';

/** A hub row. */
export type Hub = Selectable<HubsTable>;

/** The columns of a hub the extension sees. */
export type HubSummary = Pick<
  Hub,
  'id' | 'name' | 'url' | 'community_id' | 'languages'
>;

/** Hub queries over one database. */
export function createHubsRepository(db: Kysely<Database>) {
  // The route every page load calls; compiled once (src/db/prepared.ts). Explicit columns keep a
  // prepared plan valid when a later migration adds columns to the table.
  const summaryById = precompile(
    db,
    (q: Kysely<Database>, id: string) =>
      q
        .selectFrom('hubs')
        .select(['id', 'name', 'url', 'community_id', 'languages'])
        .where('id', '=', id),
    1
  );
  return {
    /** What the extension is told about a hub: name, URL, community and languages. */
    async findSummary(id: string): Promise<HubSummary | undefined> {
      return (await summaryById(id))[0];
    },

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
