import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  escapeFormula,
  parseCsv,
  unescapeFormula,
  writeCsv
} from './partnerships.csv.js';
import {
  addDays,
  canTransition,
  daysBetween,
  defaultEnd,
  isIsoDate,
  latestRecordableDate,
  parseGuaranteedService,
  PHASES,
  plannedTermReminders,
  reconcile,
  renewalStart,
  statusLine,
  termStatus,
  todayIn,
  type TermFacts
} from './partnerships.rules.js';

const term = (
  startDate: string,
  endDate: string,
  extra: Partial<TermFacts> = {}
): TermFacts => ({
  startDate,
  endDate,
  phase: 'active',
  ...extra
});

// partnerships.md §3, the pure half of each case (the API half is in partnerships.routes.spec.ts).
describe('partnerships.md §3 rules', () => {
  const defaultEnds: [number, string, string][] = [
    [1, '2025-01-01', '2025-12-31'],
    [2, '2024-02-29', '2025-02-28'],
    [3, '2023-03-01', '2024-02-29'],
    [5, '2025-01-31', '2026-01-30'],
    [0, '2024-12-31', '2025-12-30'],
    [0, '2028-02-29', '2029-02-28']
  ];
  for (const [n, start, end] of defaultEnds) {
    it(`case ${n || '+'}: start ${start} → default end ${end}`, () => {
      assert.equal(defaultEnd(start), end);
    });
  }

  it('case 2: the term after 2024-02-29…2025-02-28 starts 2025-03-01', () => {
    assert.equal(renewalStart('2025-02-28', '2025-02-01').start, '2025-03-01');
  });

  it('case 4: renewing a term that ends 2024-02-29 → 2024-03-01…2025-02-28', () => {
    const { start, gapDays } = renewalStart('2024-02-29', '2024-02-10');
    assert.deepEqual(
      [start, defaultEnd(start), gapDays],
      ['2024-03-01', '2025-02-28', 0]
    );
  });

  it('case 6: extending 2021-07-23 to 2021-10-23 is 92 days', () => {
    assert.equal(daysBetween('2021-07-23', '2021-10-23'), 92);
  });

  const activeCases: [number, string, string, boolean][] = [
    [7, '2024-12-31', 'upcoming', false],
    [7, '2025-01-01', 'active', true],
    [7, '2025-12-31', 'renewal-due', true],
    [7, '2026-01-01', 'ended', false],
    [8, '2025-10-31', 'active', true],
    [8, '2025-11-01', 'renewal-due', true]
  ];
  for (const [n, today, status, active] of activeCases) {
    it(`case ${n}: term 2025-01-01…2025-12-31 on ${today} → ${status}`, () => {
      const s = termStatus(term('2025-01-01', '2025-12-31'), today);
      assert.equal(s.status, status);
      assert.equal(s.active, active);
      assert.equal(s.renewalDueFrom, '2025-11-01');
    });
  }

  it('case 9: reminders for an end of 2026-02-02 fall on 2025-12-04, 2026-01-19 and 2026-01-31', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const plan = plannedTermReminders(
      { id: 1, ...term('2025-02-03', '2026-02-02') },
      now,
      '2025-06-01'
    );
    const ends = plan
      .filter(p => p.kind.startsWith('term-end'))
      .map(p => p.dueAt.slice(0, 10));
    assert.deepEqual(ends, ['2025-12-04', '2026-01-19', '2026-01-31']);
  });

  it('case 10: a start − 30 reminder already past is scheduled in an hour, not dropped', () => {
    const now = new Date('2025-06-10T10:00:00Z');
    const plan = plannedTermReminders(
      { id: 1, ...term('2025-06-15', '2026-06-14') },
      now,
      '2025-06-10'
    );
    const start = plan.find(p => p.kind === 'term-start-30');
    assert.equal(start?.dueAt, '2025-06-10T11:00:00.000Z');
  });

  it('case 11: a date edit updates a reminder in place; an edit that removes the need cancels it', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const before = plannedTermReminders(
      {
        id: 1,
        ...term('2025-01-01', '2025-12-31', {
          guaranteedServiceDate: '2026-06-30'
        })
      },
      now,
      '2025-01-01'
    );
    const existing = before.map(p => ({
      key: p.key,
      dueAt: p.dueAt,
      state: 'scheduled',
      anchorDate: p.anchorDate
    }));
    const after = plannedTermReminders(
      { id: 1, ...term('2025-01-01', '2026-03-31') },
      now,
      '2025-01-01'
    );
    const actions = Object.fromEntries(
      reconcile(existing, after).map(a => [a.key.split(':')[2], a.action])
    );
    assert.deepEqual(actions, {
      'term-start-30': 'noop',
      'term-end-60': 'update',
      'term-end-14': 'update',
      'term-end-2': 'update',
      'guaranteed-service-60': 'cancel'
    });
  });

  it('a delivered reminder stays delivered unless its anchor moved, then it is re-armed', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const planned = plannedTermReminders(
      { id: 1, ...term('2025-01-01', '2025-12-31') },
      now,
      '2025-01-01'
    );
    const sent = planned.map(p => ({
      key: p.key,
      dueAt: p.dueAt,
      state: 'sent',
      anchorDate: p.anchorDate
    }));
    assert.ok(reconcile(sent, planned).every(a => a.action === 'noop'));
    const extended = plannedTermReminders(
      { id: 1, ...term('2025-01-01', '2026-03-31') },
      now,
      '2025-01-01'
    );
    const actions = Object.fromEntries(
      reconcile(sent, extended).map(a => [a.key.split(':')[2], a.action])
    );
    assert.deepEqual(actions, {
      'term-start-30': 'noop',
      'term-end-60': 'update',
      'term-end-14': 'update',
      'term-end-2': 'update'
    });
  });

  it('case 14: renewal recorded within grace continues; after grace starts that day and reports the gap', () => {
    assert.deepEqual(renewalStart('2025-02-28', '2025-03-20'), {
      start: '2025-03-01',
      gapDays: 0
    });
    assert.deepEqual(renewalStart('2025-02-28', '2025-03-30'), {
      start: '2025-03-01',
      gapDays: 0
    });
    assert.deepEqual(renewalStart('2025-02-28', '2025-03-31'), {
      start: '2025-03-31',
      gapDays: 30
    });
    assert.deepEqual(renewalStart('2025-02-28', '2025-05-10'), {
      start: '2025-05-10',
      gapDays: 70
    });
  });

  it('case 15: guaranteed service "2025-11" → 2025-11-30 (month) and the ended-term line', () => {
    assert.deepEqual(parseGuaranteedService('2025-11'), {
      date: '2025-11-30',
      precision: 'month'
    });
    assert.deepEqual(parseGuaranteedService('2024-02'), {
      date: '2024-02-29',
      precision: 'month'
    });
    assert.deepEqual(parseGuaranteedService('2025'), {
      date: '2025-12-31',
      precision: 'year'
    });
    assert.equal(parseGuaranteedService('2025-13'), null);
    const s = termStatus(
      term('2023-07-18', '2024-07-17', { guaranteedServiceDate: '2025-11-30' }),
      '2025-03-01'
    );
    assert.equal(statusLine(s), 'term ended, service guaranteed to 2025-11-30');
  });

  const zones: [string, string, string, boolean][] = [
    ['UTC', '2026-01-01', 'ended', false],
    ['America/Mexico_City', '2025-12-31', 'renewal-due', true]
  ];
  for (const [zone, today, status, active] of zones) {
    it(`case 16: 2025-12-31T20:00-06:00 in ${zone} is ${today}: ${status}`, () => {
      const day = todayIn(new Date('2025-12-31T20:00:00-06:00'), zone);
      assert.equal(day, today);
      const s = termStatus(term('2025-01-01', '2025-12-31'), day);
      assert.equal(s.status, status);
      assert.equal(s.active, active);
    });
  }

  it('case 17: at 2025-06-10T12:00Z a date of 2025-06-11 is recordable (UTC+14), 2025-06-12 is not', () => {
    const latest = latestRecordableDate(new Date('2025-06-10T12:00:00Z'));
    assert.ok('2025-06-11' <= latest);
    assert.ok('2025-06-12' > latest);
  });

  const overrides: [string, string, boolean, boolean][] = [
    ['2025-03-31', 'active', true, false],
    ['2025-04-01', 'ended', false, true]
  ];
  for (const [today, status, overridden, expired] of overrides) {
    it(`case 18: override "active until 2025-03-31" on an ended term, ${today} → ${status}`, () => {
      const s = termStatus(
        term('2024-01-01', '2024-12-31', {
          overrideStatus: 'active',
          overrideUntil: '2025-03-31'
        }),
        today
      );
      assert.deepEqual(
        [s.status, s.overridden, s.overrideExpired],
        [status, overridden, expired]
      );
    });
  }

  it('case 20: a DD/MM/YYYY date is not an ISO date', () => {
    assert.equal(isIsoDate('31/12/2025'), false);
    assert.equal(isIsoDate('2025-02-30'), false);
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2025-02-29'), false);
  });

  it('adds days across years and leap days', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-12-31', 1), '2026-01-01');
    assert.equal(addDays('2025-03-01', -1), '2025-02-28');
  });
});

describe('phase machine', () => {
  const legal = new Set([
    'applied>onboarding',
    'onboarding>active',
    'active>renewed',
    'active>graduated',
    'active>offboarded'
  ]);
  for (const from of PHASES) {
    for (const to of PHASES) {
      it(`${from} → ${to} is ${legal.has(`${from}>${to}`) ? 'legal' : 'refused'}`, () => {
        assert.equal(canTransition(from, to), legal.has(`${from}>${to}`));
      });
    }
  }
  it('a terminal phase shows as the status whatever the dates', () => {
    assert.equal(
      termStatus(
        term('2025-01-01', '2025-12-31', { phase: 'graduated' }),
        '2025-06-01'
      ).status,
      'graduated'
    );
  });
});

describe('CSV', () => {
  it('round-trips quotes, commas, newlines and formula-like cells', () => {
    const rows = [
      [
        'a,b',
        'say "hi"',
        'line\nbreak',
        '=HYPERLINK("x")',
        '+1',
        '-2',
        '@me',
        'plain'
      ]
    ];
    const text = writeCsv(
      ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8'],
      rows
    );
    assert.match(text, /'=HYPERLINK/);
    const parsed = parseCsv(text);
    assert.deepEqual(parsed[1]?.map(unescapeFormula), rows[0]);
  });
  it('escapes only cells a spreadsheet would run', () => {
    assert.equal(escapeFormula('=1+1'), "'=1+1");
    assert.equal(escapeFormula('a=b'), 'a=b');
    assert.equal(escapeFormula('-36'), '-36');
    assert.equal(escapeFormula('-1+1'), "'-1+1");
  });
  it('refuses an unterminated quote', () => {
    assert.throws(() => parseCsv('a,"b\n'), /not closed/);
  });
  it('reads a BOM, CRLF and skips blank lines', () => {
    assert.deepEqual(parseCsv('\ufeffa,b\r\n\r\n1,2\r\n'), [
      ['a', 'b'],
      ['1', '2']
    ]);
  });
});
