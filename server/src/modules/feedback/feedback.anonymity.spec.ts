import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import { createAnonymityKeys, keyedHmac } from './feedback.anonymity.js';
import {
  API,
  call,
  core,
  dumpDatabase,
  feedbackApp,
  submit
} from './feedback.harness.spec.js';

const SECRET_AUTHOR = 'zanele-mokoena-7781';
const CONTROL_AUTHOR = 'control-user-4242';

describe('keyedHmac', () => {
  it("gives node:crypto's HMAC-SHA256 for short, block-sized and long keys and any message", () => {
    for (const size of [1, 32, 64, 65, 200]) {
      const key = randomBytes(size);
      const mac = keyedHmac(key);
      for (const message of [
        '',
        'day\u0000hub\u0000zanele\u00002026-11-27',
        'ñ'.repeat(300)
      ]) {
        assert.deepEqual(
          mac(message),
          createHmac('sha256', key).update(message).digest(),
          `key of ${size} bytes, message of ${message.length} characters`
        );
      }
    }
  });
});

for (const backend of backends()) {
  describe(`feedback anonymity, idempotency and limits (${backend})`, () => {
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

    it('leaves no trace of an anonymous author in any table, log or export', async () => {
      // A positive control: an identified author shows up, so the dump and the logs do see names.
      const identified = await submit(t, CONTROL_AUTHOR);
      assert.equal(identified.statusCode, 201, identified.body);

      const consultation = await core(t, 'POST', 'consultations', {
        question: 'How should hub support work next year?',
        communities: [],
        languages: ['en'],
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        anonymous: true,
        resultsHidden: false
      });
      assert.equal(consultation.statusCode, 201, consultation.body);

      const logStart = t.logs.length;
      const anonymous = await submit(t, SECRET_AUTHOR, {
        anonymous: true,
        title: 'Mentoring for new champions',
        context: {
          kind: 'notebook',
          path: `/home/${SECRET_AUTHOR}/analysis.ipynb`
        }
      });
      assert.equal(anonymous.statusCode, 201, anonymous.body);
      const { item, receipt } = anonymous.json();
      assert.equal(item.anonymous, true);
      assert.match(
        receipt,
        /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/
      );
      assert.deepEqual(
        item.context,
        { kind: 'notebook' },
        'the path is dropped'
      );

      // A reply to the anonymous consultation, without asking for anonymity: it is anonymous anyway.
      const reply = await submit(t, SECRET_AUTHOR, {
        topic: undefined,
        consultationId: consultation.json().id,
        title: 'Keep the office hours weekly'
      });
      assert.equal(reply.statusCode, 201, reply.body);
      assert.equal(reply.json().item.anonymous, true);
      assert.ok(reply.json().receipt);

      // The author follows both by receipt, and withdraws one.
      const lookup = await call(t, SECRET_AUTHOR, 'POST', 'mine/lookup', {
        receipts: [
          receipt,
          reply.json().receipt.toLowerCase(),
          'ZZZZ-ZZZZ-ZZZZ-ZZZZ'
        ]
      });
      assert.equal(lookup.statusCode, 200, lookup.body);
      assert.deepEqual(
        lookup
          .json()
          .items.map((i: { id: string }) => i.id)
          .sort(),
        [item.id, reply.json().item.id].sort()
      );
      assert.deepEqual(lookup.json().unknown, ['ZZZZ-ZZZZ-ZZZZ-ZZZZ']);
      const withdrawn = await call(
        t,
        SECRET_AUTHOR,
        'POST',
        `items/${reply.json().item.id}/withdraw`,
        {
          receipt: reply.json().receipt
        }
      );
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      // Someone else without the receipt cannot.
      const notMine = await call(
        t,
        'someone-else',
        'POST',
        `items/${item.id}/withdraw`,
        {}
      );
      assert.equal(notMine.statusCode, 403);
      const mine = await call(t, SECRET_AUTHOR, 'GET', 'mine');
      assert.deepEqual(
        mine.json().items,
        [],
        'anonymous items are not "mine" by name'
      );

      // The Core Team triages it and exports everything.
      const triage = await core(t, 'GET', `triage/items/${item.id}`);
      assert.equal(triage.statusCode, 200);
      assert.equal(triage.json().author, null);
      const submitted = triage
        .json()
        .history.find((h: { kind: string }) => h.kind === 'submitted');
      assert.match(submitted.at, /T00:00:00\.000Z$/, 'only a date');
      const csv = await core(t, 'GET', 'triage/export?format=csv');
      const json = await core(t, 'GET', 'triage/export?format=json');
      assert.equal(csv.statusCode, 200);
      assert.equal(json.statusCode, 200);
      const trends = await core(t, 'GET', 'triage/trends');
      const mineExport = await call(t, SECRET_AUTHOR, 'GET', 'me/export');

      const dump = await dumpDatabase(t);
      assert.ok(
        dump.includes(CONTROL_AUTHOR),
        'the dump sees identified authors'
      );
      assert.ok(
        t.logs
          .join('\n')
          .includes('"url":"/services/catalyst/api/feedback/triage/items'),
        'requests are logged'
      );
      for (const [what, text] of [
        ['database', dump],
        ['logs', t.logs.join('\n')],
        ['csv export', csv.body],
        ['json export', json.body],
        ['trends', trends.body]
      ] as const) {
        assert.ok(
          !text.includes(SECRET_AUTHOR),
          `${what} name the anonymous author`
        );
      }
      assert.ok(
        !mineExport.body.includes(item.id),
        'the personal export does not link the item'
      );
      // No request line of the anonymous routes (they carry the client address).
      const newLogs = t.logs.slice(logStart).join('\n');
      assert.ok(
        !/"method":"POST","url":"\/services\/catalyst\/api\/feedback\/(items|mine)/.test(
          newLogs
        )
      );
      // Anonymous rows: no time finer than a date anywhere.
      const rows = await sql<{ updated_at: Date | null; created_on: string }>`
        select updated_at, created_on::text from feedback_items where anonymous`.execute(
        t.app.db
      );
      for (const row of rows.rows) assert.equal(row.updated_at, null);
    });

    it('makes one item of 10 parallel posts with one key, with one receipt', async () => {
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          submit(
            t,
            'ana-parallel',
            { anonymous: true, title: 'Ten at once, one item' },
            key
          )
        )
      );
      const statuses = answers.map(a => a.statusCode).sort();
      assert.deepEqual(
        statuses,
        [200, 200, 200, 200, 200, 200, 200, 200, 200, 201],
        answers.map(a => a.body).join('\n')
      );
      assert.equal(new Set(answers.map(a => a.json().item.id)).size, 1);
      assert.equal(new Set(answers.map(a => a.json().receipt)).size, 1);
      const rows = await t.app.db
        .selectFrom('feedback_items')
        .select(eb => eb.fn.countAll<number>().as('n'))
        .where('title', '=', 'Ten at once, one item')
        .executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), 1);
      // Later repeats too; a different body under the key is refused.
      const again = await submit(
        t,
        'ana-parallel',
        { anonymous: true, title: 'Ten at once, one item' },
        key
      );
      assert.equal(again.statusCode, 200);
      const other = await submit(
        t,
        'ana-parallel',
        { anonymous: true, title: 'Something else entirely' },
        key
      );
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().code, 'idempotency_mismatch');
      // The same key from another person is another item.
      const elsewhere = await submit(
        t,
        'bruno-parallel',
        { anonymous: true, title: 'Ten at once, one item' },
        key
      );
      assert.equal(elsewhere.statusCode, 201);
      assert.notEqual(elsewhere.json().item.id, answers[0]?.json().item.id);
    });

    it(
      'makes one item when two instances of the hub get the same key at once',
      // The embedded database serves one service; replicas share PostgreSQL.
      { skip: backend !== 'postgres' && 'replicas share PostgreSQL only' },
      async () => {
        const replica = await feedbackApp(db.url, 'hub-a');
        try {
          const key = randomUUID();
          const answers = await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              submit(
                i % 2 ? replica : t,
                'rita-replicas',
                { title: 'Two replicas, one item' },
                key
              )
            )
          );
          assert.deepEqual(
            answers.map(a => a.statusCode).sort(),
            [200, 200, 200, 200, 200, 200, 200, 201],
            answers.map(a => a.body).join('\n')
          );
          assert.equal(new Set(answers.map(a => a.json().item.id)).size, 1);
          const rows = await t.app.db
            .selectFrom('feedback_items')
            .select(eb => eb.fn.countAll<number>().as('n'))
            .where('title', '=', 'Two replicas, one item')
            .executeTakeFirstOrThrow();
          assert.equal(Number(rows.n), 1);
          // The person's daily count took one submission, not two.
          const keys = createAnonymityKeys(t.config.jwt.secret);
          const day = await t.app.db
            .selectFrom('feedback_ledger')
            .select('count')
            .where(
              'key',
              '=',
              keys.dayKey(
                'hub-a',
                'rita-replicas',
                new Date().toISOString().slice(0, 10)
              )
            )
            .executeTakeFirstOrThrow();
          assert.equal(day.count, 1);
        } finally {
          await replica.app.close();
        }
      }
    );

    it('refuses bad input naming the field and stores nothing', async () => {
      const count = async () =>
        Number(
          (
            await t.app.db
              .selectFrom('feedback_items')
              .select(eb => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n
        );
      const ledger = async () => dumpLedger(t);
      const before = [await count(), await ledger()];
      const cases: [Record<string, unknown>, number, string][] = [
        [{ title: 'too short' }, 400, 'body/title'],
        [{ title: 'x'.repeat(121) }, 400, 'body/title'],
        [{ title: '     padded     ' }, 400, 'body/title'],
        [{ body: 'y'.repeat(4001) }, 400, 'body/body'],
        [{ body: '   ' }, 400, 'body/body'],
        [{ lang: 'english!' }, 400, 'body/lang'],
        [{ topic: 'gossip' }, 400, 'body/topic'],
        [{ topic: undefined }, 400, 'body/topic'],
        [{ extra: 1 }, 400, 'body/extra is not allowed'],
        [
          { context: { kind: 'notebook', owner: 'x' } },
          400,
          'body/context/owner'
        ],
        [{ body: 'x'.repeat(30000) }, 413, 'larger than allowed']
      ];
      for (const [extra, status, field] of cases) {
        const res = await submit(t, 'limits-user', extra);
        assert.equal(
          res.statusCode,
          status,
          `${JSON.stringify(extra).slice(0, 60)}: ${res.body}`
        );
        assert.ok(
          res.json().message.includes(field),
          `${res.json().message} names ${field}`
        );
      }
      const bad = await call(t, 'limits-user', 'POST', 'items', submission(), {
        headers: { 'idempotency-key': 'no spaces allowed' }
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual([await count(), await ledger()], before);
    });

    it('answers an outbox retry with its item even when its sender is at a limit', async () => {
      // The first answers were lost (the connection dropped): the outbox sends the same keys again at once.
      const keys = [randomUUID(), randomUUID(), randomUUID()];
      const first = [];
      for (const [n, key] of keys.entries()) {
        first.push(
          await submit(
            t,
            'flaky-wifi',
            { title: `Sent but unanswered ${n}` },
            key
          )
        );
      }
      assert.deepEqual(
        first.map(r => r.statusCode),
        [201, 201, 201]
      );
      // The burst of three is spent: a new item would wait, a retry does not.
      const fresh = await submit(t, 'flaky-wifi', {
        title: 'A new one, too soon'
      });
      assert.equal(fresh.statusCode, 429, fresh.body);
      const retry = await submit(
        t,
        'flaky-wifi',
        { title: 'Sent but unanswered 2' },
        keys[2]
      );
      assert.equal(retry.statusCode, 200, retry.body);
      assert.equal(retry.json().item.id, first[2]?.json().item.id);
      // At the daily limit too; and repeats take nothing from the day's count.
      const ledgerKeys = createAnonymityKeys(t.config.jwt.secret);
      const dayKey = ledgerKeys.dayKey(
        'hub-a',
        'flaky-wifi',
        new Date().toISOString().slice(0, 10)
      );
      await t.app.db
        .updateTable('feedback_ledger')
        .set({ count: 10 })
        .where('key', '=', dayKey)
        .execute();
      await new Promise(resolve => setTimeout(resolve, 1100));
      const late = await submit(
        t,
        'flaky-wifi',
        { title: 'Sent but unanswered 0' },
        keys[0]
      );
      assert.equal(late.statusCode, 200, late.body);
      assert.equal(late.json().item.id, first[0]?.json().item.id);
      const day = await t.app.db
        .selectFrom('feedback_ledger')
        .select('count')
        .where('key', '=', dayKey)
        .executeTakeFirstOrThrow();
      assert.equal(day.count, 10);
    });

    it('answers 429 with Retry-After per second and per day', async () => {
      // A burst of three passes (an outbox flushing), the fourth at once waits a second.
      const send = (n: number) =>
        submit(t, 'fast-fingers', { title: `Burst submission ${n}` });
      // At once on both databases: the embedded one's wire server keeps each connection's statements whole.
      const burst = await Promise.all([1, 2, 3, 4].map(send));
      assert.deepEqual(
        burst.map(r => r.statusCode).sort(),
        [201, 201, 201, 429],
        burst.map(r => r.body).join('\n')
      );
      const refused = burst.find(r => r.statusCode === 429);
      assert.equal(refused?.headers['retry-after'], '1');
      assert.equal(refused?.json().code, 'rate_limited');
      // The body says it too, for the widget's outbox and its "try again in N s".
      assert.equal(refused?.json().retryAfter, 1);

      // Ten today already (counted through the ledger, as anonymous ones are).
      const keys = createAnonymityKeys(t.config.jwt.secret);
      const today = new Date().toISOString().slice(0, 10);
      await t.app.db
        .insertInto('feedback_ledger')
        .values({
          key: keys.dayKey('hub-a', 'busy-bee', today),
          hub_id: 'hub-a',
          kind: 'day',
          consultation_id: null,
          count: 10,
          purge_after: '2099-01-01'
        })
        .execute();
      const daily = await submit(t, 'busy-bee', { anonymous: true });
      assert.equal(daily.statusCode, 429, daily.body);
      const wait = Number(daily.headers['retry-after']);
      assert.ok(wait >= 1 && wait <= 86400, String(wait));
      assert.match(daily.json().message, /10 submissions a day/);
      assert.equal(daily.json().retryAfter, wait);
      // Other refusals keep the service's usual error shape, with no wait in it.
      const tooShort = await submit(t, 'limits-user', { title: 'short' });
      assert.equal(tooShort.statusCode, 400, tooShort.body);
      assert.deepEqual(Object.keys(tooShort.json()).sort(), [
        'code',
        'error',
        'message',
        'statusCode'
      ]);
      const unauthenticated = await t.app.inject({
        method: 'POST',
        url: `${API}/items`,
        payload: submission()
      });
      assert.equal(unauthenticated.statusCode, 401, unauthenticated.body);
      assert.equal(unauthenticated.json().code, 'missing_token');
    });
  });
}

async function dumpLedger(t: TestApp): Promise<string> {
  const rows = await t.app.db
    .selectFrom('feedback_ledger')
    .selectAll()
    .orderBy('key')
    .execute();
  return JSON.stringify(rows);
}

function submission() {
  return {
    title: 'More GPU hours for the course',
    body: 'Our students run out of GPU time.',
    lang: 'en',
    topic: 'hub-service'
  };
}
