import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import { feedbackApp, submit } from './feedback.harness.spec.js';
import { createItemWriter } from './feedback.item-writer.js';
import { createLedger } from './feedback.ledger.js';
import {
  createFeedbackRepository,
  type ItemInsert
} from './feedback.repository.js';

/** A new topic item of `hubId`, as the service would write it. */
function newItem(hubId: string, extra: Partial<ItemInsert> = {}): ItemInsert {
  return {
    id: randomUUID(),
    hubId,
    communityId: null,
    consultationId: null,
    topic: 'hub-service',
    anonymous: false,
    author: 'writer',
    receiptHash: null,
    title: 'A batched item',
    body: 'Written together with others.',
    lang: 'en',
    context: null,
    createdOn: '2026-11-27',
    ...extra
  };
}

for (const backend of backends()) {
  describe(`feedback writes grouped under load (${backend})`, () => {
    let db: TestDatabase;
    let t: TestApp;

    before(async () => {
      db = await startDatabase(backend);
      t = await feedbackApp(db.url, 'hub-a');
    });
    after(async () => {
      await t?.app.close();
      await db?.close();
    });

    it('lands every one of 40 simultaneous submissions once, with its key and history, anonymous apart from identified', async () => {
      const people = Array.from({ length: 40 }, (_, i) => `crowd-${i}`);
      const answers = await Promise.all(
        people.map((person, i) => submit(t, person, { anonymous: i % 2 === 0 }))
      );
      for (const res of answers) assert.equal(res.statusCode, 201, res.body);
      const ids = answers.map(res => res.json().item.id as string);
      assert.equal(new Set(ids).size, 40);

      const { rows } = await sql<{
        id: string;
        anonymous: boolean;
        tx: string;
        history: number;
        first_at: string;
        keys: number;
      }>`
        select i.id, i.anonymous, i.xmin::text as tx,
          (select count(*)::int from feedback_history h where h.item_id = i.id) as history,
          (select min(h.at)::text from feedback_history h where h.item_id = i.id) as first_at,
          (select count(*)::int from feedback_idempotency k where k.item_id = i.id) as keys
        from feedback_items i where i.id = any(${ids}::uuid[])`.execute(
        t.app.db
      );
      assert.equal(rows.length, 40);
      for (const row of rows) {
        assert.equal(row.history, 1, `history of ${row.id}`);
        assert.equal(row.keys, 1, `idempotency row of ${row.id}`);
        if (row.anonymous) assert.match(row.first_at, /00:00:00\+00$/);
      }
      // Grouped: fewer transactions than items; and no transaction mixes anonymous and identified items.
      const byTx = new Map<string, Set<boolean>>();
      for (const row of rows) {
        const kinds = byTx.get(row.tx) ?? new Set<boolean>();
        kinds.add(row.anonymous);
        byTx.set(row.tx, kinds);
      }
      assert.ok(byTx.size < 40, `${byTx.size} transactions for 40 items`);
      for (const [tx, kinds] of byTx) {
        assert.equal(
          kinds.size,
          1,
          `transaction ${tx} mixes anonymous and identified items`
        );
      }
    });

    it('counts simultaneous daily takes exactly: one person stops at the limit, others are unaffected', async () => {
      const ledger = createLedger(t.app.db);
      const take = (key: string) =>
        ledger.takeDaily({
          key,
          hubId: 'hub-a',
          purgeAfter: '2026-11-29',
          max: 10
        });
      const keys = ['day-busy', 'day-a', 'day-b'];
      const asks = [
        ...Array.from({ length: 15 }, () => 'day-busy'),
        'day-a',
        'day-b',
        'day-a'
      ];
      const answers = await Promise.all(asks.map(take));
      const granted = (key: string) =>
        answers.filter((ok, i) => ok && asks[i] === key).length;
      assert.equal(granted('day-busy'), 10);
      assert.equal(granted('day-a'), 2);
      assert.equal(granted('day-b'), 1);
      const { rows } = await sql<{ key: string; count: number }>`
        select key, count from feedback_ledger where key = any(${keys}::text[]) order by key`.execute(
        t.app.db
      );
      assert.deepEqual(rows, [
        { key: 'day-a', count: 2 },
        { key: 'day-b', count: 1 },
        { key: 'day-busy', count: 10 }
      ]);
    });

    it('fails only the item whose row the database refuses; the others of its statement are written', async () => {
      const writer = createItemWriter(t.app.db);
      const good = Array.from({ length: 4 }, () => newItem('hub-a'));
      // No such consultation: the foreign key refuses this row, and with it the statement it was grouped in.
      const bad = newItem('hub-a', {
        topic: null,
        consultationId: randomUUID()
      });
      const items = [good[0], good[1], bad, good[2], good[3]] as ItemInsert[];
      const answers = await Promise.all(
        items.map(item =>
          writer.submitItem(item, null, null).then(
            written => ({ written }),
            (error: { code?: string }) => ({ refused: error.code })
          )
        )
      );
      assert.deepEqual(answers, [
        { written: true },
        { written: true },
        { refused: '23503' },
        { written: true },
        { written: true }
      ]);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from feedback_items
        where id = any(${items.map(i => i.id)}::uuid[])`.execute(t.app.db);
      assert.equal(rows[0]?.n, 4);
    });

    it('writes an item whose idempotency key is taken by no one, and not one whose key was taken first', async () => {
      const writer = createItemWriter(t.app.db);
      const mac = `mac-${randomUUID()}`;
      const key = { mac, bodyHash: 'h', expiresOn: '2026-12-04' };
      const [first, second] = await Promise.all([
        writer.submitItem(newItem('hub-a'), key, null),
        writer.submitItem(newItem('hub-a'), key, null)
      ]);
      assert.deepEqual([first, second], [true, false]);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from feedback_idempotency where key = ${mac}`.execute(
        t.app.db
      );
      assert.equal(rows[0]?.n, 1);
    });

    it("counts a topic item's day and writes it in one queue, giving the count back when the item is not written", async () => {
      const repo = createFeedbackRepository(t.app.db);
      const day = (key: string, max = 10) => ({
        key,
        hubId: 'hub-a',
        purgeAfter: '2026-11-29',
        max
      });
      const write = (item: ItemInsert, mac?: string) => ({
        item,
        key: mac ? { mac, bodyHash: 'h', expiresOn: '2026-12-04' } : null,
        historyAt: null
      });
      const count = async (key: string) =>
        (
          await sql<{ count: number }>`
            select count from feedback_ledger where key = ${key}`.execute(
            t.app.db
          )
        ).rows[0]?.count ?? 0;
      const mac = `mac-${randomUUID()}`;
      const limitedItem = newItem('hub-a');
      const refusedItem = newItem('hub-a', {
        topic: null,
        consultationId: randomUUID()
      });
      const [first, again, limit1, limit2, refused] = await Promise.all([
        repo.submitWithDay(day('sw-first'), write(newItem('hub-a'), mac)),
        // The same key from another day's count: the key was taken first, so this day's count goes back.
        repo.submitWithDay(day('sw-again'), write(newItem('hub-a'), mac)),
        repo.submitWithDay(day('sw-limit', 1), write(newItem('hub-a'))),
        repo.submitWithDay(day('sw-limit', 1), write(limitedItem)),
        repo
          .submitWithDay(day('sw-refused'), write(refusedItem))
          .catch((error: { code?: string }) => `refused ${error.code}`)
      ]);
      assert.deepEqual(
        [first, again, limit1, limit2, refused],
        ['written', 'key_taken', 'written', 'limited', 'refused 23503']
      );
      assert.equal(await count('sw-first'), 1);
      assert.equal(await count('sw-again'), 0);
      assert.equal(await count('sw-limit'), 1);
      assert.equal(await count('sw-refused'), 0);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from feedback_items
        where id = any(${[limitedItem.id, refusedItem.id]}::uuid[])`.execute(
        t.app.db
      );
      assert.equal(rows[0]?.n, 0);
    });
  });
}
