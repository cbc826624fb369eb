import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  STATES,
  checkTransition,
  consultationChangeRefusal,
  notifiesAuthor,
  secondsToUtcMidnight,
  suppressCells,
  weekOf,
  type State
} from './feedback.rules.js';

// governance.md §5.1, written out independently of the table in feedback.rules.ts.
const ALLOWED: Record<string, 'author' | 'core-team'> = {
  'new>under_review': 'core-team',
  'new>declined': 'core-team',
  'new>merged': 'core-team',
  'new>withdrawn': 'author',
  'under_review>accepted': 'core-team',
  'under_review>declined': 'core-team',
  'under_review>merged': 'core-team',
  'under_review>withdrawn': 'author',
  'accepted>implemented': 'core-team',
  'accepted>declined': 'core-team',
  'declined>under_review': 'core-team'
};

const complete = {
  responseText: 'A response long enough to count.',
  note: 'new facts came in',
  into: '00000000-0000-4000-8000-000000000000',
  hasPublishedResponse: true
};

describe('feedback state machine', () => {
  for (const from of STATES) {
    for (const to of STATES) {
      for (const actor of ['author', 'core-team'] as const) {
        const allowed = ALLOWED[`${from}>${to}`] === actor;
        it(`${from} → ${to} by ${actor}: ${allowed ? 'allowed' : '409'}`, () => {
          const refusal = checkTransition(from, to, actor, complete);
          if (allowed) assert.equal(refusal, null);
          else assert.equal(refusal?.code, 'invalid_transition');
        });
      }
    }
  }

  it('declining and merging need a response of 20 characters', () => {
    for (const to of ['declined', 'merged'] as State[]) {
      const short = checkTransition('new', to, 'core-team', {
        ...complete,
        responseText: 'too short'
      });
      assert.equal(short?.code, 'response_required');
    }
  });

  it('implemented needs a published response, reopening a declined item a note, merging a target', () => {
    assert.equal(
      checkTransition('accepted', 'implemented', 'core-team', {
        hasPublishedResponse: false
      })?.code,
      'response_required'
    );
    assert.equal(
      checkTransition('declined', 'under_review', 'core-team', {
        hasPublishedResponse: true,
        note: '  '
      })?.code,
      'note_required'
    );
    assert.equal(
      checkTransition('new', 'merged', 'core-team', {
        ...complete,
        into: undefined
      })?.code,
      'invalid_merge'
    );
  });
});

describe('news for the author', () => {
  it('only decisions and reopening are news; taking an item up for review is not', () => {
    const news = Object.keys(ALLOWED)
      .filter(pair => ALLOWED[pair] === 'core-team')
      .filter(pair => {
        const [from, to] = pair.split('>') as [State, State];
        return notifiesAuthor(from, to);
      });
    assert.deepEqual(news.sort(), [
      'accepted>declined',
      'accepted>implemented',
      'declined>under_review',
      'new>declined',
      'new>merged',
      'under_review>accepted',
      'under_review>declined',
      'under_review>merged'
    ]);
  });
});

describe('consultation changes', () => {
  const base = {
    closesAt: new Date('2026-12-10T00:00:00Z'),
    anonymous: true,
    resultsHidden: true,
    replies: 2,
    status: 'open' as const
  };
  it('extends but never shortens once replied', () => {
    assert.equal(
      consultationChangeRefusal(base, {
        closesAt: new Date('2026-12-09T00:00:00Z')
      })?.code,
      'cannot_shorten'
    );
    assert.equal(
      consultationChangeRefusal(base, {
        closesAt: new Date('2026-12-11T00:00:00Z')
      }),
      null
    );
    assert.equal(
      consultationChangeRefusal(
        { ...base, replies: 0 },
        { closesAt: new Date('2026-12-09T00:00:00Z') }
      ),
      null
    );
  });
  it('keeps anonymity and hidden results one-way', () => {
    assert.equal(
      consultationChangeRefusal(base, { anonymous: false })?.code,
      'one_way'
    );
    assert.equal(
      consultationChangeRefusal(base, { resultsHidden: false })?.code,
      'one_way'
    );
    assert.equal(
      consultationChangeRefusal(
        { ...base, status: 'closed' },
        { resultsHidden: false }
      ),
      null
    );
    assert.equal(
      consultationChangeRefusal(
        { ...base, anonymous: false },
        { anonymous: true }
      )?.code,
      'one_way'
    );
  });
});

describe('dates and cells', () => {
  it('finds the Monday of a week and the seconds to UTC midnight', () => {
    assert.equal(weekOf('2026-11-27'), '2026-11-23');
    assert.equal(weekOf('2026-11-23'), '2026-11-23');
    assert.equal(weekOf('2026-11-22'), '2026-11-16');
    assert.equal(secondsToUtcMidnight(new Date('2026-11-27T23:59:30Z')), 30);
  });
  it('suppresses small cells only when they hold anonymous input', () => {
    const cells = suppressCells([
      { week: 'w', state: 'new', topic: 'a', count: 4, anonymous: 1 },
      { week: 'w', state: 'new', topic: 'b', count: 5, anonymous: 5 },
      { week: 'w', state: 'new', topic: 'c', count: 2, anonymous: 0 }
    ]);
    assert.deepEqual(
      cells.map(c => [c.count, c.suppressed]),
      [
        [null, true],
        [5, false],
        [2, false]
      ]
    );
  });
});

describe('per-person flood guard', () => {
  it('allows a burst of three, then one a second', async () => {
    const { createSecondLimiter } = await import('./feedback.rate.js');
    let t = 0;
    const limiter = createSecondLimiter({ perSecond: 1, now: () => t });
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.take('ana')),
      [0, 0, 0, 1]
    );
    assert.equal(limiter.take('bea'), 0, 'others are not affected');
    t = 999;
    assert.equal(limiter.take('ana'), 1);
    t = 1000;
    assert.equal(limiter.take('ana'), 0);
    assert.equal(limiter.take('ana'), 1);
    limiter.release('ana');
    assert.equal(limiter.take('ana'), 0);
  });
});
