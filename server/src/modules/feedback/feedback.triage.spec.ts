import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { TestApp } from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import { call, core, feedbackApp, submit } from './feedback.harness.spec.js';
import { createFeedbackRepository } from './feedback.repository.js';
import { STATES, type State } from './feedback.rules.js';
import { seedDemoConsultation } from './feedback.seed.js';

const RESPONSE = {
  text: 'Thank you; here is what we decided and why.',
  lang: 'en'
};

// governance.md §5.1: the Core Team's moves, and the author's withdrawal.
const CORE_MOVES = new Set([
  'new>under_review',
  'new>declined',
  'new>merged',
  'under_review>accepted',
  'under_review>declined',
  'under_review>merged',
  'accepted>implemented',
  'accepted>declined',
  'declined>under_review'
]);
const AUTHOR_MOVES = new Set(['new>withdrawn', 'under_review>withdrawn']);

// How to bring a new item to each state.
const PATH: Record<State, { to: State; extra?: object }[]> = {
  new: [],
  under_review: [{ to: 'under_review' }],
  accepted: [
    { to: 'under_review' },
    { to: 'accepted', extra: { response: RESPONSE } }
  ],
  implemented: [
    { to: 'under_review' },
    { to: 'accepted', extra: { response: RESPONSE } },
    { to: 'implemented' }
  ],
  declined: [{ to: 'declined', extra: { response: RESPONSE } }],
  merged: [{ to: 'merged', extra: { response: RESPONSE } }],
  withdrawn: []
};

for (const backend of backends()) {
  describe(`feedback triage, roles and data rights (${backend})`, () => {
    let db: TestDatabase;
    let t: TestApp;
    let b: TestApp;
    let canonical: string;
    let n = 0;
    const fresh = async (
      author = `author-${++n}`,
      extra: Record<string, unknown> = {}
    ) => {
      const res = await submit(t, author, extra);
      assert.equal(res.statusCode, 201, res.body);
      return { id: res.json().item.id as string, author };
    };
    const move = (id: string, to: State, extra: object = {}) =>
      core(t, 'POST', `triage/items/${id}/transition`, { to, ...extra });

    before(async () => {
      db = await startDatabase(backend);
      t = await feedbackApp(db.url, 'hub-a');
      b = await feedbackApp(db.url, 'hub-b');
      canonical = (await fresh('canon-author')).id;
    });
    after(async () => {
      await t?.app.close();
      await b?.app.close();
      await db?.close();
    });

    it('seeds one open demo consultation once', async () => {
      const repo = createFeedbackRepository(t.app.db);
      const seed = () =>
        seedDemoConsultation(repo, { hubId: 'hub-a', now: new Date() });
      assert.equal(await seed(), true);
      assert.equal(await seed(), false);
      const listed = await call(t, 'demo-member', 'GET', 'consultations');
      const demo = listed
        .json()
        .consultations.filter(
          (c: { status: string; anonymous: boolean }) =>
            c.status === 'open' && c.anonymous
        );
      assert.equal(demo.length, 1);
      assert.ok(demo[0].languages.includes('es'));
    });

    it('allows exactly the transitions of the state machine (all 7 × 7 pairs)', async () => {
      for (const from of STATES) {
        for (const to of STATES) {
          const { id, author } = await fresh();
          for (const step of PATH[from]) {
            const res = await move(id, step.to, {
              ...step.extra,
              ...(step.to === 'merged' ? { into: canonical } : {})
            });
            assert.equal(
              res.statusCode,
              200,
              `${from} via ${step.to}: ${res.body}`
            );
          }
          if (from === 'withdrawn') {
            const w = await call(t, author, 'POST', `items/${id}/withdraw`, {});
            assert.equal(w.statusCode, 200, w.body);
          }
          const pair = `${from}>${to}`;
          const res =
            to === 'withdrawn'
              ? await call(t, author, 'POST', `items/${id}/withdraw`, {})
              : await move(id, to, {
                  response: RESPONSE,
                  note: 'reopened after new facts',
                  into: canonical
                });
          const allowed =
            to === 'withdrawn' ? AUTHOR_MOVES.has(pair) : CORE_MOVES.has(pair);
          assert.equal(
            res.statusCode,
            allowed ? 200 : 409,
            `${pair}: ${res.body}`
          );
          if (allowed) assert.equal(res.json().state, to, pair);
          else assert.equal(res.json().code, 'invalid_transition', pair);
        }
      }
    });

    it('needs responses and notes where the rules say, and keeps the history append-only', async () => {
      const { id } = await fresh();
      const noResponse = await move(id, 'declined');
      assert.equal(noResponse.statusCode, 409);
      assert.equal(noResponse.json().code, 'response_required');
      assert.equal((await move(id, 'under_review')).statusCode, 200);
      assert.equal((await move(id, 'accepted')).statusCode, 200);
      const early = await move(id, 'implemented');
      assert.equal(early.json().code, 'response_required');
      assert.equal(
        (await move(id, 'declined', { response: RESPONSE })).statusCode,
        200
      );
      const noNote = await move(id, 'under_review');
      assert.equal(noNote.json().code, 'note_required');
      assert.equal(
        (await move(id, 'under_review', { note: 'new budget' })).statusCode,
        200
      );
      const detail = await core(t, 'GET', `triage/items/${id}`);
      const moves = detail
        .json()
        .history.filter((h: { kind: string }) => h.kind === 'transition')
        .map((h: { from: string; to: string }) => `${h.from}>${h.to}`);
      assert.deepEqual(moves, [
        'new>under_review',
        'under_review>accepted',
        'accepted>declined',
        'declined>under_review'
      ]);
      await assert.rejects(
        sql`update feedback_history set note = 'rewritten'`.execute(t.app.db),
        /append-only/
      );
      await assert.rejects(
        sql`delete from feedback_history`.execute(t.app.db),
        /append-only/
      );
    });

    it('shows members published responses only, never drafts', async () => {
      const { id, author } = await fresh();
      const text = `A draft nobody else may read yet, ${id}`;
      const draft = await core(t, 'POST', `triage/items/${id}/responses`, {
        ...RESPONSE,
        text
      });
      assert.equal(draft.statusCode, 201);
      assert.equal(draft.json().status, 'draft');
      for (const path of ['mine', `items/${id}`, 'items']) {
        const res = await call(t, author, 'GET', path);
        assert.equal(res.statusCode, 200);
        assert.ok(!res.body.includes(text), `${path} shows a draft`);
      }
      const published = await core(
        t,
        'PATCH',
        `triage/items/${id}/responses/${draft.json().id}`,
        {
          publish: true
        }
      );
      assert.equal(published.json().status, 'published');
      const mine = await call(t, author, 'GET', 'mine');
      const item = mine.json().items.find((i: { id: string }) => i.id === id);
      assert.equal(item.responses.length, 1);
      assert.equal(item.responses[0].text, text);
      assert.equal(
        item.responses[0].author,
        undefined,
        'members do not see who answered'
      );
      const edit = await core(
        t,
        'PATCH',
        `triage/items/${id}/responses/${draft.json().id}`,
        {
          text: 'A changed published response text.'
        }
      );
      assert.equal(edit.statusCode, 409);
      assert.equal(edit.json().code, 'already_published');
    });

    it('keeps members to their own hub and their own items; only the Core Team triages', async () => {
      const { id, author } = await fresh('ana-roles');
      const other = await call(t, 'bea-roles', 'GET', 'mine');
      assert.ok(!other.json().items.some((i: { id: string }) => i.id === id));
      const listed = await call(t, 'bea-roles', 'GET', 'items?limit=50');
      const seen = listed.json().items.find((i: { id: string }) => i.id === id);
      assert.equal(seen.mine, false);
      assert.ok(
        !JSON.stringify(listed.json()).includes(author),
        'no author names for members'
      );
      // Another hub's members do not see it at all.
      const fromB = await call(b, 'bea-roles', 'GET', `items/${id}`);
      assert.equal(fromB.statusCode, 404);
      const listB = await call(b, 'bea-roles', 'GET', 'items');
      assert.ok(!listB.json().items.some((i: { id: string }) => i.id === id));
      for (const roles of [
        ['member'],
        ['member', 'hub-champion'],
        ['member', 'community-champion']
      ] as const) {
        for (const [method, path, body] of [
          ['GET', 'triage/items', undefined],
          ['GET', `triage/items/${id}`, undefined],
          ['POST', `triage/items/${id}/transition`, { to: 'under_review' }],
          ['GET', 'triage/export?format=csv', undefined],
          ['GET', 'triage/trends', undefined],
          ['GET', 'triage/consultations', undefined],
          ['POST', 'consultations', { question: 'A question from a member?' }]
        ] as const) {
          const res = await call(t, 'mallory', method, path, body, {
            roles: [...roles]
          });
          assert.equal(
            res.statusCode,
            403,
            `${roles.join('+')} ${method} ${path}`
          );
        }
      }
      // The Core Team sees every hub, and filters by hub.
      const fromHubB = await submit(b, 'carla-hub-b', {
        title: 'An idea from the second hub'
      });
      assert.equal(fromHubB.statusCode, 201, fromHubB.body);
      // Every page: the list is newest day first, then by random id, so today's item may be on any.
      const hubs = new Set<string>();
      for (let cursor: string | null = ''; cursor !== null;) {
        const page = await core(
          t,
          'GET',
          `triage/items?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
        );
        for (const item of page.json().items as { hubId: string }[]) {
          hubs.add(item.hubId);
        }
        cursor = page.json().nextCursor as string | null;
      }
      assert.ok(hubs.has('hub-b'), [...hubs].join());
      const onlyB = await core(t, 'GET', 'triage/items?hub=hub-b');
      assert.ok(onlyB.json().items.length > 0);
      assert.ok(
        onlyB.json().items.every((i: { hubId: string }) => i.hubId === 'hub-b')
      );
      assert.equal(onlyB.json().items[0].author, 'carla-hub-b');
    });

    it('merges duplicates keeping both texts and moving supporters', async () => {
      const dup = await fresh('dup-author', {
        title: 'Duplicate: more GPU hours'
      });
      const orig = await fresh('orig-author', {
        title: 'Original: more GPU hours'
      });
      for (const user of ['s1', 's2']) {
        assert.equal(
          (await call(t, user, 'PUT', `items/${dup.id}/support`)).statusCode,
          200
        );
      }
      for (const user of ['s2', 's3']) {
        assert.equal(
          (await call(t, user, 'PUT', `items/${orig.id}/support`)).statusCode,
          200
        );
      }
      const self = await move(dup.id, 'merged', {
        response: RESPONSE,
        into: dup.id
      });
      assert.equal(self.json().code, 'invalid_merge');
      const merged = await move(dup.id, 'merged', {
        response: RESPONSE,
        into: orig.id
      });
      assert.equal(merged.statusCode, 200, merged.body);
      assert.equal(merged.json().mergedInto, orig.id);
      assert.equal(merged.json().title, 'Duplicate: more GPU hours');
      const target = await core(t, 'GET', `triage/items/${orig.id}`);
      assert.equal(target.json().supportCount, 3);
      assert.ok(
        target
          .json()
          .history.some(
            (h: { kind: string; note: string }) =>
              h.kind === 'merged_in' && h.note === dup.id
          )
      );
      const supporters = await t.app.db
        .selectFrom('feedback_supports')
        .select('user_name')
        .where('item_id', '=', orig.id)
        .orderBy('user_name')
        .execute();
      assert.deepEqual(
        supporters.map(s => s.user_name),
        ['s1', 's2', 's3']
      );
      // Into a merged or declined item: refused.
      const third = await fresh();
      const intoMerged = await move(third.id, 'merged', {
        response: RESPONSE,
        into: dup.id
      });
      assert.equal(intoMerged.json().code, 'invalid_merge');
      const declined = await fresh();
      await move(declined.id, 'declined', { response: RESPONSE });
      const intoDeclined = await move(third.id, 'merged', {
        response: RESPONSE,
        into: declined.id
      });
      assert.equal(intoDeclined.json().code, 'invalid_merge');
    });

    it("supports once, not one's own, not a declined item", async () => {
      const { id, author } = await fresh();
      assert.equal(
        (await call(t, author, 'PUT', `items/${id}/support`)).json().code,
        'own_item'
      );
      const once = await call(t, 'fan', 'PUT', `items/${id}/support`);
      const twice = await call(t, 'fan', 'PUT', `items/${id}/support`);
      assert.deepEqual(once.json(), { supportCount: 1, supportedByMe: true });
      assert.deepEqual(twice.json(), { supportCount: 1, supportedByMe: true });
      const off = await call(t, 'fan', 'DELETE', `items/${id}/support`);
      assert.deepEqual(off.json(), { supportCount: 0, supportedByMe: false });
      await move(id, 'declined', { response: RESPONSE });
      assert.equal(
        (await call(t, 'fan', 'PUT', `items/${id}/support`)).json().code,
        'not_supportable'
      );
    });

    it('takes one report per person and hides the item at three until the Core Team restores it', async () => {
      const { id, author } = await fresh();
      assert.equal(
        (await call(t, 'r1', 'POST', `items/${id}/report`, { reason: 'spam' }))
          .statusCode,
        200
      );
      const again = await call(t, 'r1', 'POST', `items/${id}/report`, {
        reason: 'offensive'
      });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'already_reported');
      await call(t, 'r2', 'POST', `items/${id}/report`, { reason: 'spam' });
      assert.equal((await call(t, 'r4', 'GET', `items/${id}`)).statusCode, 200);
      await call(t, 'r3', 'POST', `items/${id}/report`, { reason: 'spam' });
      assert.equal((await call(t, 'r4', 'GET', `items/${id}`)).statusCode, 404);
      const list = await call(t, 'r4', 'GET', 'items?limit=50');
      assert.ok(!list.json().items.some((i: { id: string }) => i.id === id));
      const mine = await call(t, author, 'GET', 'mine');
      assert.ok(
        mine.json().items.some((i: { id: string }) => i.id === id),
        'the author still sees it'
      );
      const hidden = await core(t, 'GET', 'triage/items?hidden=true');
      assert.ok(
        hidden
          .json()
          .items.some(
            (i: { id: string; reportCount: number }) =>
              i.id === id && i.reportCount === 3
          )
      );
      const restored = await core(t, 'POST', `triage/items/${id}/moderation`, {
        action: 'restore'
      });
      assert.equal(restored.json().hidden, false);
      await call(t, 'r5', 'POST', `items/${id}/report`, { reason: 'spam' });
      assert.equal(
        (await call(t, 'r4', 'GET', `items/${id}`)).statusCode,
        200,
        'a reviewed item stays up'
      );
    });

    it('runs consultations: one reply each, extend not shorten, closed ones refuse with a reason', async () => {
      const open = await core(t, 'POST', 'consultations', {
        question: 'Which training should come first?',
        communities: [],
        languages: ['en', 'es'],
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
        anonymous: false,
        resultsHidden: true
      });
      assert.equal(open.statusCode, 201, open.body);
      const c = open.json();
      const listed = await call(t, 'voter', 'GET', 'consultations');
      const mineBefore = listed
        .json()
        .consultations.find((x: { id: string }) => x.id === c.id);
      assert.equal(mineBefore.replied, false);
      assert.equal(mineBefore.replyCount, null, 'hidden until close');
      const reply = await submit(t, 'voter', {
        topic: undefined,
        consultationId: c.id
      });
      assert.equal(reply.statusCode, 201, reply.body);
      const second = await submit(t, 'voter', {
        topic: undefined,
        consultationId: c.id,
        title: 'A second reply, refused'
      });
      assert.equal(second.statusCode, 409);
      assert.equal(second.json().code, 'already_replied');
      const after = await call(t, 'voter', 'GET', 'consultations');
      assert.equal(
        after.json().consultations.find((x: { id: string }) => x.id === c.id)
          .replied,
        true
      );
      // Results hidden: other members do not see the reply before close.
      const others = await call(
        t,
        'someone',
        'GET',
        `items?consultationId=${c.id}`
      );
      assert.deepEqual(others.json().items, []);

      const shorter = await core(t, 'PATCH', `consultations/${c.id}`, {
        closesAt: new Date(Date.now() + 86400_000).toISOString()
      });
      assert.equal(shorter.statusCode, 409);
      assert.equal(shorter.json().code, 'cannot_shorten');
      const longer = await core(t, 'PATCH', `consultations/${c.id}`, {
        closesAt: new Date(Date.now() + 14 * 86400_000).toISOString()
      });
      assert.equal(longer.statusCode, 200, longer.body);
      const reveal = await core(t, 'PATCH', `consultations/${c.id}`, {
        resultsHidden: false
      });
      assert.equal(reveal.json().code, 'one_way');
      const anon = await core(t, 'PATCH', `consultations/${c.id}`, {
        anonymous: true
      });
      assert.equal(anon.json().code, 'one_way');

      const closed = await t.app.db
        .insertInto('feedback_consultations')
        .values({
          hub_id: 'hub-a',
          question: 'A consultation that has closed',
          opens_at: new Date(Date.now() - 10 * 86400_000),
          closes_at: new Date(Date.now() - 86400_000),
          created_by: 'cora-core'
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const late = await submit(t, 'late-voter', {
        topic: undefined,
        consultationId: closed.id
      });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json().code, 'consultation_closed');
      assert.match(late.json().message, /closed on \d{4}-\d{2}-\d{2}T/);
      // Nothing was stored or counted: the same person can still send other input.
      assert.equal((await submit(t, 'late-voter')).statusCode, 201);

      const elsewhere = await core(t, 'POST', 'consultations', {
        question: 'Only for another community?',
        communities: ['someone-else'],
        languages: ['en'],
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
        closesAt: new Date(Date.now() + 86400_000).toISOString(),
        anonymous: false,
        resultsHidden: false
      });
      const notMine = await submit(t, 'voter-2', {
        topic: undefined,
        consultationId: elsewhere.json().id
      });
      assert.equal(notMine.json().code, 'not_addressed');
      const bad = await core(t, 'POST', 'consultations', {
        question: 'Closing before it opens?',
        communities: [],
        languages: [],
        opensAt: new Date(Date.now() + 86400_000).toISOString(),
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
        anonymous: false,
        resultsHidden: false
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().message, /body\/closesAt/);
    });

    it('exports CSV and JSON with formula cells escaped, and audits every export', async () => {
      await fresh('csv-author', {
        title: '=HYPERLINK("http://evil.example","x")',
        body: '+1 from us; @SUM(A1) and -2+3, "quoted"\nsecond line'
      });
      const csv = await core(
        t,
        'GET',
        'triage/export?format=csv&author=x'.replace('&author=x', '')
      );
      assert.equal(csv.statusCode, 200, csv.body);
      assert.match(csv.headers['content-type'] as string, /^text\/csv/);
      assert.match(
        csv.headers['content-disposition'] as string,
        /attachment; filename="feedback-/
      );
      assert.ok(csv.body.startsWith('\ufeffid,hub,community'));
      assert.ok(
        csv.body.includes(`"'=HYPERLINK(""http://evil.example"",""x"")"`),
        'formula escaped and quoted'
      );
      assert.ok(
        csv.body.includes(
          `"'+1 from us; @SUM(A1) and -2+3, ""quoted""\nsecond line"`
        )
      );
      assert.ok(
        !/(^|,)[=+@]/m.test(csv.body.replace(/"[^"]*(""[^"]*)*"/g, 'Q')),
        'no cell starts a formula'
      );
      const semi = await core(
        t,
        'GET',
        'triage/export?format=csv&separator=%3B'
      );
      assert.ok(semi.body.startsWith('\ufeffid;hub;community'));
      const json = await core(t, 'GET', 'triage/export?format=json');
      assert.ok(Array.isArray(json.json().items));
      const wrapped = await core(
        t,
        'GET',
        'triage/export?format=csv&envelope=json'
      );
      assert.ok(wrapped.json().content.startsWith('\ufeffid,hub'));
      const audits = await t.app.db
        .selectFrom('audit_log')
        .select(['actor', 'detail'])
        .where('action', '=', 'feedback.export')
        .execute();
      assert.ok(audits.length >= 4);
      assert.ok(audits.every(a => a.actor === 'cora-core'));
    });

    it('suppresses small anonymous cells in trends and exports', async () => {
      const quiet = await fresh('quiet-1', {
        anonymous: true,
        topic: 'accessibility',
        title: 'A lone anonymous voice'
      });
      const trends = await core(t, 'GET', 'triage/trends?topic=accessibility');
      const cell = trends.json().weeks[0];
      assert.equal(cell.count, null);
      assert.equal(cell.suppressed, true);
      const csv = await core(
        t,
        'GET',
        'triage/export?format=json&topic=accessibility'
      );
      const row = csv
        .json()
        .items.find((r: { id: string }) => r.id === quiet.id);
      assert.equal(row.suppressed, 'yes');
      assert.equal(row.hub, '');
      assert.equal(row.created_on, '');
      assert.equal(row.author, '');
    });

    it("exports a person's data and erases it, deleting or re-attributing", async () => {
      const kept = await fresh('erin-erase', {
        title: 'Keep this idea please'
      });
      await call(t, 'erin-erase', 'PUT', `items/${canonical}/support`);
      await call(t, 'erin-erase', 'POST', `items/${canonical}/report`, {
        reason: 'other'
      });
      const exported = await call(t, 'erin-erase', 'GET', 'me/export');
      assert.equal(exported.statusCode, 200);
      assert.deepEqual(
        exported.json().items.map((i: { id: string }) => i.id),
        [kept.id]
      );
      assert.equal(exported.json().supports.length, 1);
      assert.equal(exported.json().reports.length, 1);
      const erased = await call(t, 'erin-erase', 'POST', 'me/erase', {
        mode: 'reattribute'
      });
      assert.deepEqual(erased.json(), { items: 1, supports: 1, reports: 1 });
      const item = await core(t, 'GET', `triage/items/${kept.id}`);
      assert.equal(item.json().author, null);
      assert.equal(item.json().authorship, 'former');
      assert.equal(item.json().title, 'Keep this idea please');

      const gone = await fresh('gus-erase', {
        title: 'Remove this idea entirely'
      });
      const deleted = await call(t, 'gus-erase', 'POST', 'me/erase', {
        mode: 'delete'
      });
      assert.equal(deleted.json().items, 1);
      assert.equal(
        (await core(t, 'GET', `triage/items/${gone.id}`)).statusCode,
        404
      );
      const history = await t.app.db
        .selectFrom('feedback_history')
        .select('kind')
        .where('item_id', '=', gone.id)
        .execute();
      assert.ok(history.some(h => h.kind === 'erased'));
      for (const user of ['erin-erase', 'gus-erase']) {
        const rows = await sql<{ n: number }>`
          select count(*)::int as n from feedback_items where author = ${user}
          union all select count(*)::int from feedback_supports where user_name = ${user}
          union all select count(*)::int from feedback_reports where user_name = ${user}`.execute(
          t.app.db
        );
        assert.deepEqual(
          rows.rows.map(r => r.n),
          [0, 0, 0],
          user
        );
      }
      const bad = await call(t, 'gus-erase', 'POST', 'me/erase', {
        mode: 'shred'
      });
      assert.equal(bad.statusCode, 400);
    });
  });
}
