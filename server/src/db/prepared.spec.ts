import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../test/databases.js';
import { silentLogger } from '../logger.js';
import type { Database } from './database.js';
import { createKysely, createPool } from './pool.js';
import {
  forgetPreparedStatements,
  precompile,
  usePreparedStatements
} from './prepared.js';

// A table of our own, so the test does not depend on any migration.
type Db = Database & { things: { id: string; label: string; kind: string } };

for (const backend of backends()) {
  describe(`precompiled queries (${backend})`, () => {
    let database: TestDatabase;
    let pool: pg.Pool;
    let db: Kysely<Db>;

    before(async () => {
      database = await startDatabase(backend);
      // One connection, so the prepared-statement catalogue we read is the one queries used (and
      // PGlite, one session for every connection, can hold named statements), as the service runs.
      pool = createPool(
        database.url,
        {
          max: 1,
          onConnect: backend === 'pglite' ? forgetPreparedStatements : undefined
        },
        silentLogger
      );
      usePreparedStatements(pool);
      db = createKysely(pool) as unknown as Kysely<Db>;
      await sql`create table things (id text primary key, label text not null, kind text not null)`.execute(
        db
      );
      await sql`insert into things values ('a', 'Apple', 'fruit'), ('b', 'Bean', 'legume'), ('c', 'Cherry', 'fruit')`.execute(
        db
      );
    });
    after(async () => {
      await db.destroy();
      await database.close();
    });

    it('substitutes each call’s arguments for the samples it was compiled with', async () => {
      const byKindAndId = precompile(
        db,
        (q: Kysely<Db>, kind: string, id: string) =>
          q
            .selectFrom('things')
            .select(['id', 'label'])
            .where('id', '=', id)
            .where('kind', '=', kind),
        2
      );
      assert.deepEqual(await byKindAndId('fruit', 'c'), [
        { id: 'c', label: 'Cherry' }
      ]);
      assert.deepEqual(await byKindAndId('fruit', 'b'), []);
      assert.deepEqual(await byKindAndId('legume', 'b'), [
        { id: 'b', label: 'Bean' }
      ]);
      // A value that looks like SQL is still only a parameter.
      assert.deepEqual(await byKindAndId("fruit' or '1'='1", 'a'), []);
    });

    it('refuses a query whose arguments do not each become one parameter', () => {
      assert.throws(
        () =>
          precompile(
            db,
            (q: Kysely<Db>, id: string) =>
              q.selectFrom('things').selectAll().where('id', 'in', [id, id]),
            1
          ),
        /argument 0 must appear exactly once/
      );
      assert.throws(
        () =>
          precompile(
            db,
            (q: Kysely<Db>, _unused: string) =>
              q.selectFrom('things').selectAll(),
            1
          ),
        /argument 0 must appear exactly once/
      );
    });

    it('runs as a named statement that the database prepared once for the connection', async () => {
      const byId = precompile(
        db,
        (q: Kysely<Db>, id: string) =>
          q.selectFrom('things').select('label').where('id', '=', id),
        1
      );
      for (const id of ['a', 'b', 'c']) await byId(id);
      const { rows } = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(db);
      const ours = rows.filter(
        r => r.statement === 'select "label" from "things" where "id" = $1'
      );
      assert.equal(ours.length, 1, JSON.stringify(rows));
      assert.match(ours[0].name, /^catalyst_[0-9a-f]{16}$/);
    });

    if (backend === 'pglite') {
      it('keeps working after the connection is replaced, because the shared session is reset', async () => {
        const byId = precompile(
          db,
          (q: Kysely<Db>, id: string) =>
            q.selectFrom('things').select('label').where('id', '=', id),
          1
        );
        assert.deepEqual(await byId('a'), [{ label: 'Apple' }]);
        // A new pool is a new connection to the same PGlite session, which still holds the statement.
        const connect = (reset: boolean) => {
          const next = createPool(
            database.url,
            { max: 1, onConnect: reset ? forgetPreparedStatements : undefined },
            silentLogger
          );
          usePreparedStatements(next);
          return next;
        };
        await pool.end();
        const unreset = connect(false);
        const unresetDb = createKysely(unreset) as unknown as Kysely<Db>;
        const again = precompile(
          unresetDb,
          (q: Kysely<Db>, id: string) =>
            q.selectFrom('things').select('label').where('id', '=', id),
          1
        );
        await assert.rejects(
          again('b'),
          /already exists/,
          'without the reset the names collide'
        );
        await unresetDb.destroy();
        pool = connect(true);
        db = createKysely(pool) as unknown as Kysely<Db>;
        const reset = precompile(
          db,
          (q: Kysely<Db>, id: string) =>
            q.selectFrom('things').select('label').where('id', '=', id),
          1
        );
        assert.deepEqual(await reset('b'), [{ label: 'Bean' }]);
      });
    }
  });
}
