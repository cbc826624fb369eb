import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
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
  claimStatementSlot,
  forgetPreparedStatements,
  precompile,
  usePreparedStatements
} from './prepared.js';

// A table of our own, so the test does not depend on any migration.
type Db = Database & { things: { id: string; label: string; kind: string } };

describe('statement slots of a shared session', () => {
  /** A connection as claimStatementSlot sees it; records the suffix it asks the session about. */
  class Connection extends EventEmitter {
    suffixes: string[] = [];
    async query(_text: string, values: unknown[]) {
      this.suffixes.push(values[1] as string);
      return { rows: [] };
    }
    end() {
      // The socket closes later: its 'end' event comes after the pool has moved on.
    }
  }
  const claim = async () => {
    const connection = new Connection();
    await claimStatementSlot(connection as unknown as pg.ClientBase);
    return connection;
  };

  it("keeps a slot held when its previous holder's socket ends after the slot was reused", async () => {
    const first = await claim();
    first.end();
    const second = await claim();
    assert.deepEqual(second.suffixes, first.suffixes);
    first.emit('end');
    const third = await claim();
    assert.notDeepEqual(third.suffixes, second.suffixes);
    second.end();
    third.end();
  });
});

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
      it('lets several connections prepare the same query in the shared session, again after a reconnect', async () => {
        const build = (q: Kysely<Db>, id: string) =>
          q.selectFrom('things').select('label').where('id', '=', id);
        const text = 'select "label" from "things" where "id" = $1';
        for (let round = 0; round < 2; round++) {
          const two = createPool(
            database.url,
            { max: 2, onConnect: claimStatementSlot },
            silentLogger
          );
          usePreparedStatements(two);
          const twoDb = createKysely(two) as unknown as Kysely<Db>;
          const byId = precompile(twoDb, build, 1);
          // Two at once: the pool opens its second connection, which prepares the same query.
          assert.deepEqual(await Promise.all([byId('a'), byId('b')]), [
            [{ label: 'Apple' }],
            [{ label: 'Bean' }]
          ]);
          assert.equal(two.totalCount, 2);
          const { rows } = await sql<{ name: string }>`
            select name from pg_prepared_statements where statement = ${text}`.execute(
            twoDb
          );
          // The second round's connections reuse the slots, after dropping the first round's names.
          assert.deepEqual(
            rows
              .map(r => r.name.replace(/^catalyst_[0-9a-f]{16}/, ''))
              .filter(suffix => suffix)
              .sort(),
            ['_c0', '_c1']
          );
          await twoDb.destroy();
        }
      });

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
