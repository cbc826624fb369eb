import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import {
  call,
  core,
  dumpDatabase,
  feedbackApp,
  submit
} from './feedback.harness.spec.js';

const RESPONSE = {
  text: 'Thank you; here is what we decided and why.',
  lang: 'en'
};

interface News {
  items: { id: string; newsAt: string }[];
  receipts: { receipt: string; id: string; newsAt: string | null }[];
}

for (const backend of backends()) {
  describe(`feedback news for authors (${backend})`, () => {
    let db: TestDatabase;
    let t: TestApp;

    before(async () => {
      db = await startDatabase(backend);
      t = await feedbackApp(db.url, 'hub-news');
    });
    after(async () => {
      await t?.app.close();
      await db?.close();
    });

    const news = async (user: string, receipts: string[] = []) => {
      const answer = await call(t, user, 'POST', 'news', { receipts });
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.json<News>();
    };
    const item = async (user: string, extra: Record<string, unknown> = {}) => {
      const answer = await submit(t, user, extra);
      assert.equal(answer.statusCode, 201, answer.body);
      return answer.json<{ item: { id: string }; receipt: string | null }>();
    };

    it('a draft is not news; publishing it is, for the author only', async () => {
      const { item: mine } = await item('ana-news');
      const draft = await core(t, 'POST', `triage/items/${mine.id}/responses`, {
        ...RESPONSE,
        publish: false
      });
      assert.equal(draft.statusCode, 201, draft.body);
      assert.deepEqual((await news('ana-news')).items, []);

      const published = await core(
        t,
        'PATCH',
        `triage/items/${mine.id}/responses/${draft.json<{ id: string }>().id}`,
        { publish: true }
      );
      assert.equal(published.statusCode, 200, published.body);
      const after = await news('ana-news');
      assert.deepEqual(
        after.items.map(i => i.id),
        [mine.id]
      );
      // Another member learns nothing of Ana's items.
      assert.deepEqual(await news('bo-news'), { items: [], receipts: [] });
    });

    it('decisions are news, taking an item up for review is not', async () => {
      const { item: mine } = await item('cai-news');
      const review = await core(
        t,
        'POST',
        `triage/items/${mine.id}/transition`,
        { to: 'under_review' }
      );
      assert.equal(review.statusCode, 200, review.body);
      assert.deepEqual((await news('cai-news')).items, []);

      const accepted = await core(
        t,
        'POST',
        `triage/items/${mine.id}/transition`,
        { to: 'accepted' }
      );
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.deepEqual(
        (await news('cai-news')).items.map(i => i.id),
        [mine.id]
      );
    });

    it('seeing clears the news until the next one, and only the author can mark it', async () => {
      const { item: mine } = await item('dee-news');
      await core(t, 'POST', `triage/items/${mine.id}/responses`, {
        ...RESPONSE,
        publish: true
      });
      const [first] = (await news('dee-news')).items;
      assert.ok(first);

      // Someone else marking Dee's item changes nothing.
      const other = await call(t, 'eve-news', 'POST', 'news/seen', {
        items: [{ id: mine.id, through: first.newsAt }]
      });
      assert.equal(other.statusCode, 200, other.body);
      assert.equal(other.json<{ seen: number }>().seen, 0);
      assert.equal((await news('dee-news')).items.length, 1);

      const seen = await call(t, 'dee-news', 'POST', 'news/seen', {
        items: [{ id: mine.id, through: first.newsAt }]
      });
      assert.equal(seen.json<{ seen: number }>().seen, 1);
      assert.deepEqual((await news('dee-news')).items, []);
      // The seen marker is Dee's data: her export holds it.
      const exported = await call(t, 'dee-news', 'GET', 'me/export');
      assert.deepEqual(exported.json<{ seen: unknown[] }>().seen, [
        { itemId: mine.id, at: first.newsAt }
      ]);

      // Marking seen with an earlier time than the news keeps it unseen.
      await new Promise(resolve => setTimeout(resolve, 5));
      await core(t, 'POST', `triage/items/${mine.id}/transition`, {
        to: 'declined',
        response: RESPONSE
      });
      const [second] = (await news('dee-news')).items;
      assert.ok(second && second.newsAt > first.newsAt);
      await call(t, 'dee-news', 'POST', 'news/seen', {
        items: [{ id: mine.id, through: first.newsAt }]
      });
      assert.equal((await news('dee-news')).items.length, 1);
    });

    it('refuses a malformed seen request and changes nothing', async () => {
      const { item: mine } = await item('fay-news');
      await core(t, 'POST', `triage/items/${mine.id}/responses`, {
        ...RESPONSE,
        publish: true
      });
      const bad = await call(t, 'fay-news', 'POST', 'news/seen', {
        items: [{ id: mine.id, through: 'yesterday' }]
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.match(bad.body, /through/);
      assert.equal((await news('fay-news')).items.length, 1);
    });

    it('an anonymous item tells its receipt holder of news and stores no seen marker or author', async () => {
      const AUTHOR = 'gil-anonymous-5521';
      const { item: anon, receipt } = await item(AUTHOR, { anonymous: true });
      assert.ok(receipt);
      assert.deepEqual((await news(AUTHOR, [receipt])).receipts, [
        { receipt, id: anon.id, newsAt: null }
      ]);
      const draft = await core(t, 'POST', `triage/items/${anon.id}/responses`, {
        ...RESPONSE,
        publish: false
      });
      assert.equal(draft.statusCode, 201, draft.body);
      assert.equal((await news(AUTHOR, [receipt])).receipts[0]?.newsAt, null);

      await core(t, 'POST', `triage/items/${anon.id}/transition`, {
        to: 'declined',
        response: RESPONSE
      });
      const followed = await news(AUTHOR, [receipt]);
      // The identified list never holds it: the service cannot tell it is the caller's.
      assert.deepEqual(followed.items, []);
      assert.ok(followed.receipts[0]?.newsAt);

      // Marking it seen on the service is refused silently: the marker stays in the browser.
      const seen = await call(t, AUTHOR, 'POST', 'news/seen', {
        items: [{ id: anon.id, through: followed.receipts[0].newsAt }]
      });
      assert.equal(seen.json<{ seen: number }>().seen, 0);
      const dump = await dumpDatabase(t);
      assert.ok(!dump.includes(AUTHOR), 'the author is named somewhere');
      assert.ok(
        !t.logs.join('\n').includes(AUTHOR),
        'the logs name the author'
      );
      assert.ok(
        !t.logs.join('\n').includes(receipt),
        'the logs hold the receipt'
      );
      const row = await t.app.db
        .selectFrom('feedback_items')
        .select(['author', 'author_seen_at'])
        .where('id', '=', anon.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { author: null, author_seen_at: null });
    });

    it('the database refuses a seen marker on an anonymous item', async () => {
      const { item: anon } = await item('hal-news', { anonymous: true });
      await assert.rejects(
        t.app.db
          .updateTable('feedback_items')
          .set({ author_seen_at: new Date() })
          .where('id', '=', anon.id)
          .execute(),
        /feedback_items_seen_identified/
      );
    });
  });
}
