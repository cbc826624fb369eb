import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  buildTestApp,
  DEV_SECRET,
  type TestApp
} from '../../../test/build-app.js';
import {
  backends,
  startDatabase,
  type TestDatabase
} from '../../../test/databases.js';
import type { Role } from '../../plugins/auth.js';
import { CSV_HEADERS } from './partnerships.csv.js';
import { PHASES, type Phase } from './partnerships.rules.js';
import { seedDemo } from './partnerships.seed.js';
import {
  loadHubChampionCourse,
  type CourseTutorial
} from './partnerships.training-evidence.js';
import { SHIPPED_TUTORIALS } from '../training/training.routes.js';
import { createHelpRepository } from '../training/training.help.repository.js';

const BASE = '/services/catalyst/api/partnerships';
const HUB = 'hub-a';

for (const backend of backends()) {
  describe(`partnerships routes (${backend})`, () => {
    let db: TestDatabase;
    let t: TestApp;
    let core: string;
    let core2: string;
    let champion: string;
    let member: string;

    const token = (sub: string, roles: Role[]) =>
      t.app.jwt.sign({ sub, roles, hub: HUB, lang: 'en' });
    const setNow = (iso: string, zone = 'UTC') => {
      t.app.partnerships.clock.now = () => new Date(iso);
      t.app.partnerships.clock.zone = zone;
    };
    const api = async (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      jwt: string,
      body?: object
    ) =>
      t.app.inject({
        method,
        url: `${BASE}${url}`,
        headers: { authorization: `Bearer ${jwt}` },
        ...(body ? { payload: body } : {})
      });
    const ok = async (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      body?: object,
      jwt = core
    ) => {
      const res = await api(method, url, jwt, body);
      assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`);
      return res.json();
    };
    const community = async (slug: string, extra: object = {}) =>
      ok('PUT', `/communities/${slug}`, {
        name: `Community ${slug}`,
        region: 'Africa',
        ...extra
      });
    const newTerm = async (slug: string, body: object) => {
      await community(slug);
      return ok('POST', `/communities/${slug}/terms`, body);
    };

    before(async () => {
      db = await startDatabase(backend);
      t = await buildTestApp({
        DATABASE_URL: db.url,
        CATALYST_DEV_MODE: '1',
        CATALYST_DEV_SECRET: DEV_SECRET,
        CATALYST_HUB_ID: HUB,
        CATALYST_LOG_LEVEL: 'warn'
      });
      await t.app.ready();
      core = token('tess', ['member', 'core-team']);
      core2 = token('tom', ['member', 'core-team']);
      champion = token('chen', ['member', 'hub-champion']);
      member = token('ana', ['member']);
    });
    after(async () => {
      await t?.app.close();
      await db?.close();
    });

    describe('§3 cases through the API', () => {
      const ends: [number, string, string][] = [
        [1, '2025-01-01', '2025-12-31'],
        [2, '2024-02-29', '2025-02-28'],
        [3, '2023-03-01', '2024-02-29'],
        [5, '2025-01-31', '2026-01-30']
      ];
      for (const [n, start, end] of ends) {
        it(`case ${n}: a term starting ${start} ends ${end}`, async () => {
          setNow('2023-01-01T12:00:00Z');
          const term = await newTerm(`case-${n}`, { startDate: start });
          assert.equal(term.endDate, end);
          assert.equal(term.seq, 1);
        });
      }

      it('cases 2 and 4: renewals after a Feb 29 start and a Feb 29 end', async () => {
        setNow('2025-02-10T12:00:00Z');
        const t2 = await newTerm('case-2r', {
          startDate: '2024-02-29',
          phase: 'active'
        });
        const r2 = await ok('POST', `/terms/${t2.id}/renew`, {});
        assert.deepEqual(
          [r2.term.startDate, r2.term.endDate, r2.gapDays],
          ['2025-03-01', '2026-02-28', 0]
        );
        setNow('2024-02-20T12:00:00Z');
        const t4 = await newTerm('case-4', {
          startDate: '2023-03-01',
          phase: 'active'
        });
        const r4 = await ok('POST', `/terms/${t4.id}/renew`, {});
        assert.deepEqual(
          [r4.term.startDate, r4.term.endDate],
          ['2024-03-01', '2025-02-28']
        );
        assert.equal(r4.term.previousTermId, t4.id);
        assert.equal((await ok('GET', `/terms/${t4.id}`)).phase, 'renewed');
      });

      it('case 6: an extension stores the new end, 92 days and one history row', async () => {
        setNow('2021-06-01T12:00:00Z');
        const term = await newTerm('case-6', {
          startDate: '2020-07-24',
          phase: 'active'
        });
        assert.equal(term.endDate, '2021-07-23');
        const res = await ok('POST', `/terms/${term.id}/extend`, {
          endDate: '2021-10-23',
          reason: 'funding delay'
        });
        assert.equal(res.extensionDays, 92);
        assert.equal(res.term.endDate, '2021-10-23');
        const card = await ok('GET', '/communities/case-6');
        assert.equal(card.extensions.length, 1);
        assert.deepEqual(
          [
            card.extensions[0].previousEnd,
            card.extensions[0].newEnd,
            card.extensions[0].days
          ],
          ['2021-07-23', '2021-10-23', 92]
        );
        assert.equal(
          card.history.filter((h: { kind: string }) => h.kind === 'extension')
            .length,
          1
        );
      });

      const days: [string, string, boolean][] = [
        ['2025-01-01T12:00:00Z', 'active', true],
        ['2025-12-31T12:00:00Z', 'renewal-due', true],
        ['2026-01-01T12:00:00Z', 'ended', false]
      ];
      it('case 7: list, card and CSV agree on 2025-01-01, 2025-12-31 and 2026-01-01', async () => {
        setNow('2024-12-01T12:00:00Z');
        await newTerm('case-7', { startDate: '2025-01-01', phase: 'active' });
        for (const [now, status, active] of days) {
          setNow(now);
          const list = await ok('GET', '/communities');
          const row = list.communities.find(
            (c: { slug: string }) => c.slug === 'case-7'
          );
          const card = await ok('GET', '/communities/case-7');
          const csv = (await api('GET', '/export/terms?status=true', core))
            .body;
          const line = csv.split('\r\n').find(l => l.startsWith('case-7,'));
          assert.equal(row.status, status, now);
          assert.equal(card.terms[0].status.status, status);
          assert.equal(card.terms[0].status.active, active);
          assert.equal(line?.split(',')[10], status);
        }
      });

      it('case 8: renewal-due from 2025-11-01 for an end of 2025-12-31, listed first', async () => {
        setNow('2024-12-01T12:00:00Z');
        await newTerm('case-8', { startDate: '2025-01-01', phase: 'active' });
        setNow('2025-10-31T12:00:00Z');
        let list = await ok('GET', '/communities');
        assert.equal(
          list.communities.find((c: { slug: string }) => c.slug === 'case-8')
            .status,
          'active'
        );
        setNow('2025-11-01T12:00:00Z');
        list = await ok('GET', '/communities');
        assert.equal(
          list.communities.find((c: { slug: string }) => c.slug === 'case-8')
            .status,
          'renewal-due'
        );
        assert.equal(list.communities[0].status, 'renewal-due');
      });

      it('case 9: reminders T−60, T−14, T−2 for an end of 2026-02-02', async () => {
        setNow('2025-02-01T12:00:00Z');
        const term = await newTerm('case-9', {
          startDate: '2025-02-03',
          phase: 'active'
        });
        assert.equal(term.endDate, '2026-02-02');
        const card = await ok('GET', '/communities/case-9');
        const ends = card.reminders
          .filter((r: { kind: string }) => r.kind.startsWith('term-end'))
          .map((r: { dueAt: string }) => r.dueAt.slice(0, 10));
        assert.deepEqual(ends, ['2025-12-04', '2026-01-19', '2026-01-31']);
      });

      it('case 10: a past start − 30 reminder is scheduled for now + 1 h', async () => {
        setNow('2025-06-10T08:00:00Z');
        await newTerm('case-10', { startDate: '2025-06-15' });
        const card = await ok('GET', '/communities/case-10');
        const start = card.reminders.find(
          (r: { kind: string }) => r.kind === 'term-start-30'
        );
        assert.equal(start.dueAt, '2025-06-10T09:00:00.000Z');
        const due = await ok('GET', '/reminders?due=true');
        assert.ok(
          !due.reminders.some(
            (r: { communitySlug: string }) => r.communitySlug === 'case-10'
          )
        );
        setNow('2025-06-10T09:30:00Z');
        const later = await ok('GET', '/reminders?due=true');
        assert.ok(
          later.reminders.some(
            (r: { communitySlug: string; kind: string }) =>
              r.communitySlug === 'case-10' && r.kind === 'term-start-30'
          )
        );
      });

      it('case 11: an edit updates reminder rows in place; removing the need cancels them', async () => {
        setNow('2025-01-01T12:00:00Z');
        const term = await newTerm('case-11', {
          startDate: '2025-01-01',
          phase: 'active',
          guaranteedService: '2026-06'
        });
        const before = await t.app.partnerships.service.repo.reminders({
          termId: term.id
        });
        await ok('POST', `/terms/${term.id}/extend`, {
          endDate: '2026-03-31',
          reason: 'grant'
        });
        await ok('PATCH', `/terms/${term.id}`, { guaranteedService: null });
        const after = await t.app.partnerships.service.repo.reminders({
          termId: term.id
        });
        const byKind = (rows: typeof before) =>
          Object.fromEntries(rows.map(r => [r.kind, r]));
        const [b, a] = [byKind(before), byKind(after)];
        assert.equal(after.length, before.length);
        assert.equal(a['term-end-60']?.id, b['term-end-60']?.id);
        assert.equal(a['term-end-60']?.anchor_date, '2026-03-31');
        assert.equal(a['term-end-60']?.state, 'scheduled');
        assert.equal(a['guaranteed-service-60']?.state, 'cancelled');
      });

      it('case 12: a term overlapping the previous one → 409; the day after → accepted', async () => {
        setNow('2024-12-01T12:00:00Z');
        await newTerm('case-12', { startDate: '2024-02-29' });
        const overlap = await api('POST', '/communities/case-12/terms', core, {
          startDate: '2025-02-15'
        });
        assert.equal(overlap.statusCode, 409);
        assert.equal(overlap.json().code, 'overlap');
        const next = await ok('POST', '/communities/case-12/terms', {
          startDate: '2025-03-01'
        });
        assert.equal(next.seq, 2);
      });

      it('case 12: the database refuses an overlap even if the service is bypassed', async () => {
        const repo = t.app.partnerships.service.repo;
        const [first] = await repo.listTerms('case-12');
        await assert.rejects(
          repo.insertTerm({
            community_id: 'case-12',
            seq: 9,
            start_date: '2025-02-01',
            end_date: '2025-12-31',
            guaranteed_service_date: null,
            guaranteed_service_precision: null,
            phase: 'applied',
            previous_term_id: first!.id,
            previous_end_date: first!.end_date,
            agreement_url: ''
          }),
          (e: { code?: string }) => e.code === '23514' || e.code === '23505'
        );
        // A second "first" term of the same community.
        await assert.rejects(
          repo.insertTerm({
            community_id: 'case-12',
            seq: 10,
            start_date: '2030-01-01',
            end_date: '2030-12-31',
            guaranteed_service_date: null,
            guaranteed_service_precision: null,
            phase: 'applied',
            previous_term_id: null,
            previous_end_date: null,
            agreement_url: ''
          }),
          (e: { code?: string }) => e.code === '23505'
        );
        // Growing a term into its successor.
        await assert.rejects(
          repo.updateTerm(first!.id, { end_date: '2025-03-05' }),
          (e: { code?: string }) => e.code === '23514'
        );
      });

      it('case 13: renewing a term that has a successor, or is not the latest → 409', async () => {
        setNow('2025-12-01T12:00:00Z');
        const first = await newTerm('case-13', {
          startDate: '2025-01-01',
          phase: 'active'
        });
        const second = (await ok('POST', `/terms/${first.id}/renew`, {})).term;
        const again = await api('POST', `/terms/${first.id}/renew`, core, {});
        assert.equal(again.statusCode, 409);
        await ok('POST', `/terms/${second.id}/renew`, {
          recordedOn: '2026-12-01'
        });
        const old = await api('POST', `/terms/${second.id}/renew`, core, {});
        assert.equal(old.statusCode, 409);
      });

      it('case 14: within grace the renewal continues; after grace it starts that day and reports the gap', async () => {
        setNow('2025-06-01T12:00:00Z');
        const a = await newTerm('case-14a', {
          startDate: '2024-02-29',
          phase: 'active'
        });
        const ra = await ok('POST', `/terms/${a.id}/renew`, {
          recordedOn: '2025-03-20'
        });
        assert.deepEqual([ra.term.startDate, ra.gapDays], ['2025-03-01', 0]);
        const b = await newTerm('case-14b', {
          startDate: '2024-02-29',
          phase: 'active'
        });
        const rb = await ok('POST', `/terms/${b.id}/renew`, {
          recordedOn: '2025-05-10'
        });
        assert.deepEqual([rb.term.startDate, rb.gapDays], ['2025-05-10', 70]);
      });

      it('case 15: guaranteed service "2025-11" → 2025-11-30 (month); the ended term says so', async () => {
        setNow('2025-03-01T12:00:00Z');
        const term = await newTerm('case-15', {
          startDate: '2023-07-18',
          phase: 'active',
          guaranteedService: '2025-11'
        });
        assert.deepEqual(term.guaranteedService, {
          date: '2025-11-30',
          precision: 'month',
          asGiven: '2025-11'
        });
        assert.equal(term.endDate, '2024-07-17');
        assert.equal(
          term.status.line,
          'term ended, service guaranteed to 2025-11-30'
        );
        const card = await ok('GET', '/communities/case-15');
        assert.equal(card.dates.guaranteedService, '2025-11-30');
      });

      it('case 16: the configured zone decides the day', async () => {
        setNow('2024-12-01T12:00:00Z');
        const term = await newTerm('case-16', {
          startDate: '2025-01-01',
          phase: 'active'
        });
        setNow('2025-12-31T20:00:00-06:00', 'UTC');
        assert.equal(
          (await ok('GET', `/terms/${term.id}`)).status.status,
          'ended'
        );
        setNow('2025-12-31T20:00:00-06:00', 'America/Mexico_City');
        const s = (await ok('GET', `/terms/${term.id}`)).status;
        assert.equal(s.active, true);
        assert.equal(s.status, 'renewal-due');
        setNow('2025-01-01T12:00:00Z');
      });

      it('case 17: evidence dated tomorrow in UTC+14 is accepted, the day after is not', async () => {
        setNow('2025-06-10T12:00:00Z');
        await community('case-17');
        const e = await ok('POST', '/enrolments', {
          person: { email: 'p17@example.org', name: 'P 17' },
          communitySlug: 'case-17',
          programme: 'hub_champion_training',
          cohort: 'hct-2025',
          status: 'enrolled'
        });
        const late = await api('POST', `/enrolments/${e.id}/evidence`, core, {
          evidenceUrl: 'https://x.test/c',
          completedOn: '2025-06-12'
        });
        assert.equal(late.statusCode, 400);
        const fine = await ok('POST', `/enrolments/${e.id}/evidence`, {
          evidenceUrl: 'https://x.test/c',
          completedOn: '2025-06-11'
        });
        assert.equal(fine.evidenceState, 'not_evaluated');
        assert.equal(fine.status, 'enrolled');
        const accepted = await ok('PATCH', `/enrolments/${e.id}`, {
          evidenceState: 'accepted'
        });
        assert.deepEqual(
          [accepted.status, accepted.evidenceState, accepted.completedOn],
          ['completed', 'accepted', '2025-06-11']
        );
      });

      it('case 18: an override holds through its last day; the daily job clears it and logs both steps', async () => {
        setNow('2025-02-01T12:00:00Z');
        const term = await newTerm('case-18', {
          startDate: '2024-01-01',
          phase: 'active'
        });
        assert.equal(term.status.status, 'ended');
        await ok('PUT', `/terms/${term.id}/override`, {
          status: 'active',
          until: '2025-03-31',
          reason: 'renewal in signature'
        });
        setNow('2025-03-31T12:00:00Z');
        await ok('POST', '/jobs/daily');
        let now = await ok('GET', `/terms/${term.id}`);
        assert.deepEqual(
          [now.status.status, now.status.overridden],
          ['active', true]
        );
        setNow('2025-04-01T12:00:00Z');
        const job = await ok('POST', '/jobs/daily');
        assert.ok(job.overridesCleared >= 1);
        now = await ok('GET', `/terms/${term.id}`);
        assert.deepEqual([now.status.status, now.override], ['ended', null]);
        const card = await ok('GET', '/communities/case-18');
        const overrides = card.history.filter(
          (h: { kind: string }) => h.kind === 'override'
        );
        assert.equal(overrides.length, 2);
        assert.equal(overrides[1].actor, 'system');
        assert.equal(overrides[1].to, null);
      });

      it('case 19: a handover leaves exactly one holder each day; overlapping dates are refused', async () => {
        setNow('2025-06-01T12:00:00Z');
        await newTerm('case-19', { startDate: '2025-01-01', phase: 'active' });
        await ok('POST', '/communities/case-19/roles/hub_champion/handover', {
          person: { email: 'old@example.org', name: 'Old' },
          startDate: '2025-01-01'
        });
        const res = await ok(
          'POST',
          '/communities/case-19/roles/hub_champion/handover',
          {
            person: { email: 'new@example.org', name: 'New' },
            startDate: '2025-07-01',
            reason: 'moved on'
          }
        );
        const roles = res.roles.filter(
          (r: { role: string }) => r.role === 'hub_champion'
        );
        assert.deepEqual(
          roles.map(
            (r: {
              person: { email: string };
              startDate: string;
              endDate: string | null;
            }) => [r.person.email, r.startDate, r.endDate]
          ),
          [
            ['old@example.org', '2025-01-01', '2025-06-30'],
            ['new@example.org', '2025-07-01', null]
          ]
        );
        const clash = await api(
          'POST',
          '/communities/case-19/roles/hub_champion/handover',
          core,
          {
            person: { email: 'third@example.org' },
            startDate: '2025-06-15'
          }
        );
        assert.equal(clash.statusCode, 409);
        // The same person may hold both roles.
        await ok(
          'POST',
          '/communities/case-19/roles/community_champion/handover',
          {
            person: { email: 'new@example.org' },
            startDate: '2025-07-01'
          }
        );
        const card = await ok('GET', '/communities/case-19');
        assert.deepEqual(card.vacancies, []);
        assert.equal(card.summary.champions.hub_champion, 'New');
      });

      it('case 19: a vacancy warns and schedules a reminder', async () => {
        await ok('POST', '/communities/case-19/roles/community_champion/end', {
          endDate: '2025-08-31',
          reason: 'left'
        });
        setNow('2025-09-02T12:00:00Z');
        await ok('POST', '/jobs/daily');
        const card = await ok('GET', '/communities/case-19');
        assert.deepEqual(card.vacancies, ['community_champion']);
        const vacant = card.reminders.find(
          (r: { kind: string }) => r.kind === 'role-vacant-community_champion'
        );
        assert.equal(vacant.anchorDate, '2025-09-01');
        assert.equal(vacant.dueAt, '2025-09-15T09:00:00.000Z');
      });
    });

    describe('phase machine through the API (every pair)', () => {
      let n = 0;
      const reach = async (phase: Phase) => {
        const slug = `pm-${++n}`;
        setNow('2025-06-01T12:00:00Z');
        const term = await newTerm(slug, { startDate: '2025-01-01' });
        const path: Phase[] = {
          applied: [],
          onboarding: ['onboarding'],
          active: ['onboarding', 'active'],
          renewed: ['onboarding', 'active'],
          graduated: ['onboarding', 'active', 'graduated'],
          offboarded: ['onboarding', 'active', 'offboarded']
        }[phase] as Phase[];
        for (const to of path)
          await ok('POST', `/terms/${term.id}/transition`, {
            to,
            reason: 'setup'
          });
        if (phase === 'renewed')
          await ok('POST', `/terms/${term.id}/renew`, {});
        return term.id as number;
      };
      const legal = new Set([
        'applied>onboarding',
        'onboarding>active',
        'active>renewed',
        'active>graduated',
        'active>offboarded'
      ]);
      for (const from of PHASES) {
        for (const to of PHASES) {
          const allowed = legal.has(`${from}>${to}`);
          it(`${from} → ${to}: ${allowed ? '200' : '409'}`, async () => {
            const id = await reach(from);
            const res =
              to === 'renewed' && allowed
                ? await api('POST', `/terms/${id}/renew`, core, {})
                : await api('POST', `/terms/${id}/transition`, core, {
                    to,
                    reason: 'test'
                  });
            assert.equal(res.statusCode, allowed ? 200 : 409, res.body);
            const term = await ok('GET', `/terms/${id}`);
            assert.equal(term.phase, allowed ? to : from);
            if (allowed) {
              const card = await ok(
                'GET',
                `/communities/${term.communitySlug}`
              );
              const move = card.history
                .filter(
                  (h: { kind: string; termId: number }) =>
                    h.kind === 'phase' && h.termId === id
                )
                .pop();
              assert.deepEqual(
                [move.from, move.to, move.actor],
                [from, to, 'tess']
              );
            }
          });
        }
      }
      it('a renewed term cannot be moved back to active through a bare transition', async () => {
        const id = await reach('active');
        const res = await api('POST', `/terms/${id}/transition`, core, {
          to: 'renewed',
          reason: 'no successor'
        });
        assert.equal(res.statusCode, 409);
      });
    });

    describe('roles × routes', () => {
      let termId: number;
      let itemId: number;
      let enrolmentId: number;
      let otherEnrolmentId: number;
      before(async () => {
        setNow('2025-06-01T12:00:00Z');
        termId = (
          await newTerm('own-community', {
            startDate: '2025-01-01',
            phase: 'active'
          })
        ).id;
        await newTerm('other-community', {
          startDate: '2025-01-01',
          phase: 'active'
        });
        await ok('POST', '/communities/own-community/hubs', { hubId: HUB });
        itemId = (await ok('GET', '/communities/own-community')).checklist[0]
          .id;
        enrolmentId = (
          await ok('POST', '/enrolments', {
            person: { email: 'chen@example.org' },
            communitySlug: 'own-community',
            programme: 'hub_champion_training',
            status: 'enrolled'
          })
        ).id;
        otherEnrolmentId = (
          await ok('POST', '/enrolments', {
            person: { email: 'zed@example.org' },
            communitySlug: 'other-community',
            programme: 'open_seeds',
            cohort: 'ols-9-catalyst'
          })
        ).id;
      });

      const routes = (): [
        string,
        'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
        string,
        object | undefined
      ][] => [
        ['list', 'GET', '/communities', undefined],
        ['own card', 'GET', '/own', undefined],
        ['own community card', 'GET', '/communities/own-community', undefined],
        [
          'other community card',
          'GET',
          '/communities/other-community',
          undefined
        ],
        [
          'upsert community',
          'PUT',
          '/communities/own-community',
          { name: 'Own' }
        ],
        [
          'add term',
          'POST',
          '/communities/other-community/terms',
          { startDate: '2020-01-01' }
        ],
        ['term', 'GET', `/terms/${termId}`, undefined],
        [
          'edit term',
          'PATCH',
          `/terms/${termId}`,
          { agreementUrl: 'https://x.test/a' }
        ],
        [
          'extend',
          'POST',
          `/terms/${termId}/extend`,
          { endDate: '2030-01-01', reason: 'x' }
        ],
        [
          'transition',
          'POST',
          `/terms/${termId}/transition`,
          { to: 'applied', reason: 'x' }
        ],
        [
          'override',
          'PUT',
          `/terms/${termId}/override`,
          { status: null, until: null, reason: 'x' }
        ],
        [
          'handover',
          'POST',
          '/communities/own-community/roles/hub_champion/handover',
          { person: { email: 'x@example.org' }, startDate: '2025-01-01' }
        ],
        [
          'tick',
          'PUT',
          `/checklist/${itemId}`,
          { done: true, evidenceUrl: 'https://x.test/e' }
        ],
        [
          'enrol',
          'POST',
          '/enrolments',
          { person: { email: 'y@example.org' }, programme: 'open_seeds' }
        ],
        [
          'update enrolment',
          'PATCH',
          `/enrolments/${enrolmentId}`,
          { notes: 'x' }
        ],
        [
          'evidence (own)',
          'POST',
          `/enrolments/${enrolmentId}/evidence`,
          { evidenceUrl: 'https://x.test/c', completedOn: '2025-05-01' }
        ],
        [
          'evidence (other)',
          'POST',
          `/enrolments/${otherEnrolmentId}/evidence`,
          { evidenceUrl: 'https://x.test/c', completedOn: '2025-05-01' }
        ],
        ['reminders', 'GET', '/reminders', undefined],
        ['daily job', 'POST', '/jobs/daily', undefined],
        [
          'import',
          'POST',
          '/import/communities',
          { csv: 'community_slug,name,country,region,language,website\n' }
        ],
        ['export', 'GET', '/export/communities', undefined],
        ['person data', 'GET', '/people/1', undefined]
      ];
      // What a champion may do: read their own card, tick, submit evidence for their own community, see reminders.
      const championAllowed = new Set([
        'own card',
        'own community card',
        'term',
        'tick',
        'evidence (own)',
        'reminders'
      ]);

      it('a member gets 403 on every route; without a token, 401', async () => {
        for (const [name, method, url, body] of routes()) {
          const res = await api(method, url, member, body);
          assert.equal(res.statusCode, 403, `${name}: ${res.body}`);
          const anon = await t.app.inject({
            method,
            url: `${BASE}${url}`,
            ...(body ? { payload: body } : {})
          });
          assert.equal(anon.statusCode, 401, name);
        }
      });

      it('a champion reads and ticks their own community only', async () => {
        for (const [name, method, url, body] of routes()) {
          const res = await api(method, url, champion, body);
          assert.equal(
            res.statusCode,
            championAllowed.has(name) ? 200 : 403,
            `${name}: ${res.body}`
          );
        }
        const card = await ok('GET', '/own', undefined, champion);
        assert.equal(card.community.slug, 'own-community');
        assert.equal(card.checklist[0].doneBy, 'chen');
        const enrolment = card.enrolments.find(
          (e: { id: number }) => e.id === enrolmentId
        );
        assert.equal(enrolment.evidenceState, 'not_evaluated');
        assert.equal(enrolment.status, 'enrolled');
        const reminders = await ok('GET', '/reminders', undefined, champion);
        assert.ok(
          reminders.reminders.every(
            (r: { communitySlug: string }) =>
              r.communitySlug === 'own-community'
          )
        );
      });

      it('the Core Team reaches every route', async () => {
        for (const [name, method, url, body] of routes()) {
          const res = await api(method, url, core, body);
          // The transition to applied is an illegal move: still admitted, then refused as such.
          const expected =
            name === 'transition' || name === 'add term' ? 409 : 200;
          assert.equal(res.statusCode, expected, `${name}: ${res.body}`);
        }
      });

      it('the card shows four dates: term end, guaranteed service, proposed and actual decommission', async () => {
        await ok('PATCH', `/terms/${termId}`, { guaranteedService: '2026-11' });
        const bad = await api('PATCH', `/hubs/${HUB}`, core, {
          deployedOn: '2025-01-01',
          decommissionedOn: '2024-12-31'
        });
        assert.equal(bad.statusCode, 400);
        const hub = await ok('PATCH', `/hubs/${HUB}`, {
          deployedOn: '2024-12-01',
          decommissionProposedOn: '2027-02-02',
          decommissionedOn: '2027-03-16'
        });
        assert.equal(hub.deployedOn, '2024-12-01');
        const card = await ok('GET', '/communities/own-community');
        assert.deepEqual(Object.keys(card.dates), [
          'termEnd',
          'guaranteedService',
          'decommissionProposed',
          'decommissioned'
        ]);
        assert.equal(card.dates.guaranteedService, '2026-11-30');
        assert.equal(card.dates.decommissionProposed, '2027-02-02');
        assert.equal(card.dates.decommissioned, '2027-03-16');
        assert.equal(
          (await api('PATCH', `/hubs/${HUB}`, champion, { deployedOn: null }))
            .statusCode,
          403
        );
      });

      it('every change and refusal is in the audit log', async () => {
        const rows = await t.app.db
          .selectFrom('audit_log')
          .select(['actor', 'action', 'outcome'])
          .where('action', 'like', 'partnerships.%')
          .execute();
        assert.ok(
          rows.some(
            r =>
              r.actor === 'chen' &&
              r.action === 'partnerships.checklist.tick' &&
              r.outcome === 'ok'
          )
        );
        assert.ok(
          rows.some(
            r =>
              r.action === 'partnerships.term.transition' &&
              r.outcome === 'refused'
          )
        );
        assert.ok(rows.some(r => r.action === 'partnerships.export'));
      });
    });

    describe('in-product reminder delivery', () => {
      type Inboxed = {
        id: number;
        communitySlug: string;
        kind: string;
        state: string;
        anchorDate: string;
        readAt: string | null;
      };
      const inbox = async (jwt: string) =>
        (await ok('GET', '/reminders/inbox', undefined, jwt)) as {
          reminders: Inboxed[];
          unread: number;
        };
      const endReminder = (rows: Inboxed[], slug: string) =>
        rows.find(r => r.communitySlug === slug && r.kind === 'term-end-60');
      const shift = (iso: string, days: number) =>
        new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000)
          .toISOString()
          .slice(0, 10);
      // own-community is this hub's (roles × routes linked it); its current term's end moves in those tests.
      const ownTerm = async () => {
        const card = await ok('GET', '/communities/own-community');
        return card.terms[card.terms.length - 1] as {
          id: number;
          endDate: string;
        };
      };

      it('delivers a reminder at its time to the Core Team and the community’s champion only', async () => {
        const term = await ownTerm();
        const due = shift(term.endDate, -60);
        setNow(`${shift(due, -1)}T12:00:00Z`);
        await ok('POST', '/jobs/daily');
        assert.equal(
          endReminder((await inbox(core)).reminders, 'own-community'),
          undefined
        );

        setNow(`${due}T09:30:00Z`);
        const run = await ok('POST', '/jobs/daily');
        assert.ok(run.delivered >= 1, JSON.stringify(run));
        const coreBox = await inbox(core);
        const own = endReminder(coreBox.reminders, 'own-community');
        assert.equal(own?.state, 'sent');
        assert.equal(own?.anchorDate, term.endDate);
        assert.equal(own?.readAt, null);
        // The Core Team sees every community's delivered reminders.
        assert.ok(
          coreBox.reminders.some(r => r.communitySlug !== 'own-community')
        );

        const champBox = await inbox(champion);
        assert.ok(endReminder(champBox.reminders, 'own-community'));
        assert.ok(
          champBox.reminders.every(r => r.communitySlug === 'own-community'),
          'a champion sees only their community'
        );
        assert.equal(
          (await api('GET', '/reminders/inbox', member)).statusCode,
          403
        );
      });

      it('marks a reminder read for that person only; others’ reminders are not theirs to mark', async () => {
        const own = endReminder(
          (await inbox(champion)).reminders,
          'own-community'
        )!;
        const before = (await inbox(champion)).unread;
        const read = await ok(
          'POST',
          `/reminders/${own.id}/read`,
          {},
          champion
        );
        assert.ok(read.readAt);
        const again = await ok(
          'POST',
          `/reminders/${own.id}/read`,
          {},
          champion
        );
        assert.equal(
          again.readAt,
          read.readAt,
          'reading twice keeps the first time'
        );
        const champBox = await inbox(champion);
        assert.equal(champBox.unread, before - 1);
        assert.ok(endReminder(champBox.reminders, 'own-community')?.readAt);
        // The Core Team has not read it.
        assert.equal(
          endReminder((await inbox(core)).reminders, 'own-community')?.readAt,
          null
        );

        const other = (await inbox(core)).reminders.find(
          r => r.communitySlug !== 'own-community'
        )!;
        const refused = await api(
          'POST',
          `/reminders/${other.id}/read`,
          champion,
          {}
        );
        assert.equal(refused.statusCode, 404);
        assert.equal(
          (await inbox(core)).reminders.find(r => r.id === other.id)?.readAt,
          null
        );
        assert.equal(
          (await api('POST', '/reminders/999999/read', core, {})).statusCode,
          404
        );
      });

      it('an extension after delivery re-arms the reminder for the new end', async () => {
        const term = await ownTerm();
        const newEnd = shift(term.endDate, 90);
        await ok('POST', `/terms/${term.id}/extend`, {
          endDate: newEnd,
          reason: 'grant'
        });
        assert.equal(
          endReminder((await inbox(core)).reminders, 'own-community'),
          undefined
        );
        const rows = await t.app.partnerships.service.repo.reminders({
          termId: term.id
        });
        const rearmed = rows.find(r => r.kind === 'term-end-60');
        assert.equal(rearmed?.state, 'scheduled');
        assert.equal(rearmed?.anchor_date, newEnd);
        setNow(`${shift(newEnd, -60)}T09:30:00Z`);
        await ok('POST', '/jobs/daily');
        const delivered = endReminder(
          (await inbox(champion)).reminders,
          'own-community'
        );
        assert.equal(delivered?.anchorDate, newEnd);
        assert.equal(
          delivered?.readAt,
          null,
          'a re-armed reminder is new to its readers'
        );
      });

      it('refuses a reminder not delivered to the reader as if it did not exist, however long the inbox', async () => {
        const reminders = () => t.app.db.insertInto('partnership_reminders');
        const base = {
          community_id: 'own-community',
          term_id: null,
          kind: 'term-end-60',
          anchor_date: '2001-03-01',
          offset_days: 60,
          due_at: '2001-01-01T09:00:00Z'
        };
        // Older than every other delivery: the oldest falls outside the inbox's newest 200.
        const rows = await reminders()
          .values([
            ...Array.from({ length: 201 }, (_, i) => ({
              ...base,
              key: `test:inbox:${i}`,
              recipients: ['core-team', 'hub_champion'],
              state: 'sent',
              sent_at: new Date(Date.UTC(2001, 0, 1, 0, 0, i))
            })),
            {
              ...base,
              key: 'test:inbox:core-only',
              recipients: ['core-team'],
              state: 'sent',
              sent_at: '2001-01-02T00:00:00Z'
            },
            {
              ...base,
              key: 'test:inbox:scheduled',
              recipients: ['core-team', 'community_champion']
            }
          ])
          .returning(['id', 'key'])
          .execute();
        const id = (key: string) => rows.find(r => r.key === key)!.id;
        try {
          const missing = await api(
            'POST',
            '/reminders/999999/read',
            champion,
            {}
          );
          const refusal = (reminder: number) => ({
            ...missing.json(),
            message: `no reminder ${reminder} for you`
          });
          for (const key of ['test:inbox:core-only', 'test:inbox:scheduled']) {
            const refused = await api(
              'POST',
              `/reminders/${id(key)}/read`,
              champion,
              {}
            );
            assert.equal(refused.statusCode, 404, key);
            assert.deepEqual(refused.json(), refusal(id(key)), key);
          }
          const unread = await t.app.db
            .selectFrom('partnership_reminder_reads')
            .select('reminder_id')
            .where('reminder_id', 'in', [
              id('test:inbox:core-only'),
              id('test:inbox:scheduled')
            ])
            .execute();
          assert.deepEqual(unread, [], 'a refusal records no read');

          const oldest = id('test:inbox:0');
          assert.ok(
            !(await inbox(champion)).reminders.some(r => r.id === oldest),
            'the oldest is past the inbox page'
          );
          const read = await ok(
            'POST',
            `/reminders/${oldest}/read`,
            {},
            champion
          );
          assert.equal(read.id, oldest);
          assert.ok(read.readAt);
          assert.ok(
            (await ok('POST', `/reminders/${id('test:inbox:core-only')}/read`))
              .readAt,
            'the Core Team may read what was sent to it'
          );
        } finally {
          await t.app.db
            .deleteFrom('partnership_reminder_reads')
            .where(
              'reminder_id',
              'in',
              rows.map(r => r.id)
            )
            .execute();
          await t.app.db
            .deleteFrom('partnership_reminders')
            .where('key', 'like', 'test:inbox:%')
            .execute();
        }
      });
    });

    describe('training-panel evidence', () => {
      let course: CourseTutorial[];
      let enrolmentId: number;
      const learner = () => token('wanjiru', ['member']);
      const offer = (jwt: string, id = enrolmentId) =>
        api('POST', `/enrolments/${id}/evidence/training`, jwt, {});
      const pass = async (
        tutorialId: string,
        version: string,
        stepId: string,
        at: string
      ) =>
        t.app.db
          .insertInto('training_progress')
          .values({
            hub_id: HUB,
            user_name: 'wanjiru',
            tutorial_id: tutorialId,
            version,
            step_id: stepId,
            status: 'passed',
            attempts: 1,
            hints_used: 0,
            first_passed_at: new Date(at),
            client_updated_at: new Date(at)
          })
          .execute();

      before(async () => {
        setNow('2026-03-01T12:00:00Z');
        course = await loadHubChampionCourse(SHIPPED_TUTORIALS);
        enrolmentId = (
          await ok('POST', '/enrolments', {
            person: { githubHandle: 'Wanjiru', name: 'Wanjiru K.' },
            communitySlug: 'own-community',
            programme: 'hub_champion_training',
            status: 'enrolled'
          })
        ).id;
      });

      it('ships six Hub Champion episodes to verify against', () => {
        assert.equal(course.length, 6);
        assert.ok(course.every(c => c.stepIds.length > 0));
      });

      it('refuses until every episode’s current version is passed, and never for someone else', async () => {
        const none = await offer(learner());
        assert.equal(none.statusCode, 409, none.body);
        assert.equal(none.json().code, 'incomplete');
        assert.match(none.json().message, /^0 of 6 /);

        const [last, ...rest] = [...course].reverse();
        for (const episode of rest)
          for (const step of episode.stepIds)
            await pass(
              episode.id,
              episode.version,
              step,
              '2026-02-10T15:00:00Z'
            );
        for (const step of last!.stepIds.slice(1))
          await pass(last!.id, last!.version, step, '2026-02-11T15:00:00Z');
        // The missing step passed only in an older version does not count.
        await pass(
          last!.id,
          'an-older-version',
          last!.stepIds[0]!,
          '2026-01-05T10:00:00Z'
        );
        const five = await offer(learner());
        assert.equal(five.statusCode, 409);
        assert.match(five.json().message, /^5 of 6 /);

        assert.equal(
          (await offer(member)).statusCode,
          403,
          'not their enrolment'
        );
        const card = await ok('GET', '/communities/own-community');
        const unchanged = card.enrolments.find(
          (e: { id: number }) => e.id === enrolmentId
        );
        assert.equal(unchanged.evidenceUrl, '');
      });

      it('records verified evidence, not evaluated, dated by the last step passed', async () => {
        const last = course[course.length - 1]!;
        await pass(
          last.id,
          last.version,
          last.stepIds[0]!,
          '2026-02-20T23:30:00Z'
        );
        const res = await offer(learner());
        assert.equal(res.statusCode, 200, res.body);
        const enrolment = res.json();
        assert.equal(enrolment.evidenceUrl, `catalyst:training/${HUB}/wanjiru`);
        assert.equal(enrolment.evidenceState, 'not_evaluated');
        assert.equal(enrolment.completedOn, '2026-02-20');

        const other = (
          await ok('POST', '/enrolments', {
            person: { githubHandle: 'wanjiru' },
            communitySlug: 'own-community',
            programme: 'open_seeds'
          })
        ).id;
        const wrong = await offer(learner(), other);
        assert.equal(wrong.statusCode, 409);
        assert.match(wrong.json().message, /Hub Champion training only/);
      });
    });

    describe('concurrency', () => {
      it('two Core Team members renewing the same term at once → one renewal, one 409', async () => {
        setNow('2025-12-01T12:00:00Z');
        const term = await newTerm('race', {
          startDate: '2025-01-01',
          phase: 'active'
        });
        const results = await Promise.all([
          api('POST', `/terms/${term.id}/renew`, core, { reason: 'tess' }),
          api('POST', `/terms/${term.id}/renew`, core2, { reason: 'tom' })
        ]);
        assert.deepEqual(
          results.map(r => r.statusCode).sort(),
          [200, 409],
          results.map(r => r.body).join('\n')
        );
        const card = await ok('GET', '/communities/race');
        assert.equal(card.terms.length, 2);
      });
    });

    describe('CSV import and export', () => {
      const files: Record<keyof typeof CSV_HEADERS, string[]> = {
        communities: [
          'csv-kibo,Kibo Open Science,Tanzania,Africa,en,https://example.org/kibo',
          'csv-pampa,"Pampa Datos, Abiertos",Argentina,Latin America,es,'
        ],
        hubs: [
          'csv-kibo,catalyst-africa,kibo,kibo.af.example.org,aws,af-south-1,cilogon,a@example.org;b@example.org,2023-07-18,'
        ],
        terms: [
          'csv-kibo,1,2023-07-18,2024-07-17,2025-11,renewed,,https://example.org/agreement,,',
          'csv-kibo,2,2024-07-18,2025-07-17,2025-11,active,1,,active,2025-09-30',
          'csv-pampa,1,2024-02-29,2025-02-28,,active,,=HYPERLINK("http://evil"),,'
        ],
        roles: [
          'csv-kibo,hub_champion,amani@example.org,Amani,amani-gh,2023-07-18,2024-12-31,moved on',
          'csv-kibo,hub_champion,,Neema,neema-gh,2025-01-01,,',
          'csv-pampa,community_champion,sol@example.org,Sol,,2024-02-29,,'
        ],
        enrolments: [
          'amani@example.org,amani-gh,csv-kibo,hub_champion_training,hct-2023,en,completed,2023-08-01,2023-08-08',
          ',neema-gh,csv-kibo,open_seeds,ols-9-catalyst,en,enrolled,2025-01-15,'
        ]
      };
      const file = (kind: keyof typeof CSV_HEADERS, rows = files[kind]) =>
        [CSV_HEADERS[kind].join(','), ...rows].join('\n') + '\n';

      it('a dry run reports and keeps nothing; confirm writes; re-importing changes nothing', async () => {
        setNow('2025-06-01T12:00:00Z');
        const dry = await ok('POST', '/import/communities', {
          csv: file('communities')
        });
        assert.deepEqual(dry.summary, {
          created: 2,
          updated: 0,
          unchanged: 0,
          errors: 0
        });
        assert.equal(dry.dryRun, true);
        assert.equal(
          await t.app.partnerships.service.repo.findCommunity('csv-kibo'),
          undefined
        );
        for (const kind of [
          'communities',
          'hubs',
          'terms',
          'roles',
          'enrolments'
        ] as const) {
          const res = await ok('POST', `/import/${kind}`, {
            csv: file(kind),
            confirm: true
          });
          assert.equal(res.summary.errors, 0, JSON.stringify(res.rows));
          assert.equal(res.summary.created, files[kind].length, kind);
        }
        // case 20: the same files again → 0 created, N unchanged.
        for (const kind of [
          'communities',
          'hubs',
          'terms',
          'roles',
          'enrolments'
        ] as const) {
          const res = await ok('POST', `/import/${kind}`, {
            csv: file(kind),
            confirm: true
          });
          assert.deepEqual(
            res.summary,
            {
              created: 0,
              updated: 0,
              unchanged: files[kind].length,
              errors: 0
            },
            kind
          );
        }
        const roles = await ok('POST', '/import/roles', { csv: file('roles') });
        assert.ok(
          roles.rows[1].info.some((i: string) => /GitHub handle/.test(i))
        );
      });

      it('the export uses the same headers and re-imports unchanged (formula cells escaped)', async () => {
        for (const kind of [
          'communities',
          'hubs',
          'terms',
          'roles',
          'enrolments'
        ] as const) {
          const res = await api('GET', `/export/${kind}`, core);
          assert.equal(res.statusCode, 200);
          assert.match(res.headers['content-type'] as string, /^text\/csv/);
          const lines = res.body.split('\r\n');
          assert.equal(lines[0], CSV_HEADERS[kind].join(','));
          for (const row of files[kind]) {
            const key = row.split(',').slice(0, 2).join(',');
            assert.ok(
              kind === 'enrolments' || lines.some(l => l.startsWith(key)),
              `${kind}: ${key}`
            );
          }
          const again = await ok('POST', `/import/${kind}`, {
            csv: res.body,
            confirm: true
          });
          assert.equal(
            again.summary.created +
              again.summary.updated +
              again.summary.errors,
            0,
            `${kind}: ${JSON.stringify(again.rows.filter((r: { action: string }) => r.action !== 'unchanged'))}`
          );
        }
        const terms = (await api('GET', '/export/terms', core)).body;
        assert.match(terms, /'=HYPERLINK/);
        const card = await ok('GET', '/communities/csv-pampa');
        assert.equal(card.terms[0].agreementUrl, '=HYPERLINK("http://evil")');
      });

      it('case 20: a DD/MM/YYYY date errors that row; the others are still reported and written on confirm', async () => {
        const csv = file('communities', ['csv-dates,Dates,,Africa,en,']);
        await ok('POST', '/import/communities', { csv, confirm: true });
        const terms = file('terms', [
          'csv-dates,1,31/12/2025,,,applied,,,,',
          'csv-dates,1,2025-12-31,,,applied,,,,',
          'nowhere,1,2025-01-01,,,applied,,,,'
        ]);
        const dry = await ok('POST', '/import/terms', { csv: terms });
        assert.deepEqual(
          dry.rows.map((r: { action: string }) => r.action),
          ['error', 'create', 'error']
        );
        assert.match(
          dry.rows[0].errors[0],
          /start_date must be a date written YYYY-MM-DD/
        );
        assert.equal(dry.rows[0].line, 2);
        const done = await ok('POST', '/import/terms', {
          csv: terms,
          confirm: true
        });
        assert.deepEqual(done.summary, {
          created: 1,
          updated: 0,
          unchanged: 0,
          errors: 2
        });
        const card = await ok('GET', '/communities/csv-dates');
        assert.equal(card.terms[0].endDate, '2026-12-30');
      });

      it('bad files: wrong header, unclosed quote, bad values → 400 or row errors', async () => {
        const header = await api('POST', '/import/terms', core, {
          csv: 'slug,seq\nx,1\n'
        });
        assert.equal(header.statusCode, 400);
        assert.equal(header.json().code, 'validation');
        const quote = await api('POST', '/import/communities', core, {
          csv: `${CSV_HEADERS.communities.join(',')}\n"open,name\n`
        });
        assert.equal(quote.statusCode, 400);
        const kind = await api('POST', '/import/people', core, { csv: '' });
        assert.equal(kind.statusCode, 400);
        const rows = await ok('POST', '/import/roles', {
          csv: file('roles', [
            'csv-kibo,chief,a@example.org,A,,2025-01-01,,',
            'csv-kibo,hub_champion,,,,2025-01-01,,',
            'csv-kibo,hub_champion,z@example.org,Z,,2024-06-01,,'
          ])
        });
        assert.equal(rows.summary.errors, 3, JSON.stringify(rows.rows));
        const enrol = await ok('POST', '/import/enrolments', {
          csv: file('enrolments', [
            'x@example.org,,csv-kibo,open_seeds,c,en,graduated,,'
          ])
        });
        assert.match(enrol.rows[0].errors[0], /status must be one of/);
      });
    });

    describe('people', () => {
      it('exports and erases a person', async () => {
        setNow('2025-06-01T12:00:00Z');
        const e = await ok('POST', '/enrolments', {
          person: { email: 'erase@example.org', name: 'E' },
          programme: 'train_the_trainer'
        });
        const data = await ok('GET', `/people/${e.person.id}`);
        assert.equal(data.enrolments.length, 1);
        await ok('DELETE', `/people/${e.person.id}`);
        assert.equal(
          (await api('GET', `/people/${e.person.id}`, core)).statusCode,
          404
        );
      });

      it('erasing a person erases the help requests they wrote on every hub, and no one else’s', async () => {
        const person = (
          await ok('POST', '/enrolments', {
            person: {
              email: 'Helper@example.org',
              githubHandle: 'Helper-GH',
              name: 'H'
            },
            programme: 'open_seeds'
          })
        ).person;
        const [episode] = await loadHubChampionCourse(SHIPPED_TUTORIALS);
        // On this hub, through the training panel's own route.
        const ask = async (userName: string, key: string) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/services/catalyst/api/training/help',
            headers: {
              authorization: `Bearer ${token(userName, ['member'])}`,
              'idempotency-key': key
            },
            payload: {
              tutorialId: episode!.id,
              version: episode!.version,
              stepId: episode!.stepIds[0],
              note: `stuck, says ${userName}`
            }
          });
          assert.equal(res.statusCode, 201, res.body);
        };
        await ask('helper@example.org', 'erase-help-1');
        await ask('bystander', 'erase-help-2');
        // On another hub of the federation, where the same person signs in with GitHub.
        await t.app.db
          .insertInto('hubs')
          .values({ id: 'hub-erase-b', name: 'B', url: 'http://b.invalid/' })
          .execute();
        await createHelpRepository(t.app.db).create({
          id: randomUUID(),
          hubId: 'hub-erase-b',
          userName: 'helper-gh',
          clientKey: 'erase-help-3',
          tutorialId: episode!.id,
          version: episode!.version,
          stepId: episode!.stepIds[0]!,
          note: 'stuck on hub B',
          context: null
        });

        await ok('DELETE', `/people/${person.id}`);
        const left = await t.app.db
          .selectFrom('training_help_requests')
          .select(['hub_id', 'user_name', 'note'])
          .where('client_key', 'like', 'erase-help-%')
          .execute();
        assert.deepEqual(left, [
          { hub_id: HUB, user_name: 'bystander', note: 'stuck, says bystander' }
        ]);
        const audit = await t.app.db
          .selectFrom('audit_log')
          .select('detail')
          .where('action', '=', 'partnerships.person.erase')
          .where('target', '=', `person:${person.id}`)
          .executeTakeFirstOrThrow();
        assert.deepEqual(audit.detail, { helpRequests: 2 });
      });

      it('anyone exports their own data by their hub user name, and only their own', async () => {
        setNow('2025-06-01T12:00:00Z');
        await ok('POST', '/enrolments', {
          person: { githubHandle: 'Self-Export', name: 'Selma' },
          programme: 'open_seeds',
          cohort: 'ols-9'
        });
        await ok('POST', '/enrolments', {
          person: { email: 'someone.else@example.org', name: 'Other' },
          programme: 'open_seeds'
        });
        const mine = await ok(
          'GET',
          '/me',
          undefined,
          token('self-export', ['member'])
        );
        assert.equal(mine.person.name, 'Selma');
        assert.equal(mine.person.githubHandle, 'Self-Export');
        assert.deepEqual(
          mine.enrolments.map((e: { cohort: string }) => e.cohort),
          ['ols-9']
        );
        const byEmail = await ok(
          'GET',
          '/me',
          undefined,
          token('Someone.Else@example.org', ['member'])
        );
        assert.equal(byEmail.person.name, 'Other');
        const nobody = await api('GET', '/me', token('nobody', ['member']));
        assert.equal(nobody.statusCode, 404);
        assert.match(nobody.json().message, /no partnership record names you/);
        const anonymous = await t.app.inject({
          method: 'GET',
          url: `${BASE}/me`
        });
        assert.equal(anonymous.statusCode, 401);
      });

      it('a failure needs notes; a repeat is a new row', async () => {
        const e = await ok('POST', '/enrolments', {
          person: { githubHandle: 'rep-gh' },
          programme: 'open_seeds',
          cohort: 'ols-8',
          status: 'enrolled'
        });
        assert.equal(
          (
            await api('PATCH', `/enrolments/${e.id}`, core, {
              status: 'failed'
            })
          ).statusCode,
          400
        );
        await ok('PATCH', `/enrolments/${e.id}`, {
          status: 'failed',
          notes: 'missed the final project'
        });
        const again = await ok('POST', `/enrolments/${e.id}/repeat`, {
          cohort: 'ols-9-catalyst'
        });
        assert.deepEqual(
          [again.repeatOf, again.status, again.cohort],
          [e.id, 'enrolled', 'ols-9-catalyst']
        );
        assert.notEqual(again.id, e.id);
      });
    });

    describe('demo seed', () => {
      it('seeds once, links the hub and shows a renewal-due and an ended-but-guaranteed community', async () => {
        const fresh = await startDatabase(backend);
        // The plugin seeds at start when CATALYST_DEMO_SEED=1 (demo/jupyterhub_config.py sets it).
        const d = await buildTestApp({
          DATABASE_URL: fresh.url,
          CATALYST_DEV_MODE: '1',
          CATALYST_DEV_SECRET: DEV_SECRET,
          CATALYST_HUB_ID: 'demo',
          CATALYST_LOG_LEVEL: 'warn',
          CATALYST_DEMO_SEED: '1'
        });
        try {
          await d.app.ready();
          const service = d.app.partnerships.service;
          assert.equal(await seedDemo(service, { hubId: 'demo' }), false);
          const list = await service.list();
          assert.equal(list[0]?.status, 'renewal-due');
          const selva = list.find(c => c.slug === 'selva-abierta');
          assert.match(
            selva?.statusLine ?? '',
            /^term ended, service guaranteed to /
          );
          assert.ok(new Set(list.map(c => c.region)).size === 2);
          assert.ok(new Set(list.map(c => c.phase)).size >= 3);
          assert.equal(await service.ownCommunity(), 'andes-genomica');
          // The renewal-due community's −60-day reminder is already delivered to the Core Team.
          const inbox = await service.inbox({
            name: 'coreteam',
            roles: ['member', 'core-team']
          });
          assert.ok(
            inbox.some(
              r => r.communitySlug === 'kilimo-data' && r.kind === 'term-end-60'
            ),
            JSON.stringify(inbox)
          );
        } finally {
          await d.app.close();
          await fresh.close();
        }
      });
    });
  });
}
