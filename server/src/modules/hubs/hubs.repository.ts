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

/** What registering a hub writes; community and languages are kept when left out. */
export interface HubRegistration {
  id: string;
  name: string;
  url: string;
  /** A community slug; the community is created (named after the slug) when missing. */
  communityId?: string | null;
  languages?: string[] | null;
}

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

    /** Registers (or updates) a hub of the federation, creating its community if needed. */
    async register(hub: HubRegistration): Promise<Hub> {
      return db.transaction().execute(async trx => {
        if (hub.communityId) {
          await trx
            .insertInto('communities')
            .values({ id: hub.communityId, name: hub.communityId })
            .onConflict(oc => oc.column('id').doNothing())
            .execute();
        }
        const update = {
          name: hub.name,
          url: hub.url,
          ...(hub.communityId ? { community_id: hub.communityId } : {}),
          ...(hub.languages?.length ? { languages: hub.languages } : {})
        };
        return trx
          .insertInto('hubs')
          .values({ id: hub.id, ...update })
          .onConflict(oc => oc.column('id').doUpdateSet(update))
          .returningAll()
          .executeTakeFirstOrThrow();
      });
    },

    /** The hub with this id, if any. */
    async findById(id: string): Promise<Hub | undefined> {
      return db
        .selectFrom('hubs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Every registered hub, by id. */
    async list(): Promise<Hub[]> {
      return db.selectFrom('hubs').selectAll().orderBy('id').execute();
    }
  };
}

/** The hubs repository's interface. */
export type HubsRepository = ReturnType<typeof createHubsRepository>;
