import {
  FeedbackOutbox,
  randomKey,
  type IOutboxEntry,
  type SendOutcome
} from './outbox';
import { MemoryStore } from '../testing/memoryStore';

type Body = { title: string };
type Result = { id: string };

const tick = () => new Promise(resolve => setTimeout(resolve, 0));

describe('feedback outbox', () => {
  let store: MemoryStore;
  let timers: { fn: () => void; ms: number }[];
  let keys: number;
  let outcomes: SendOutcome<Result>[];
  let sent: IOutboxEntry<Body, Result>[];

  function outbox(): FeedbackOutbox<Body, Result> {
    return new FeedbackOutbox<Body, Result>({
      store,
      storageKey: 'outbox',
      send: async e => {
        sent.push(e);
        return (
          outcomes.shift() ?? { kind: 'sent', result: { id: `item-${e.key}` } }
        );
      },
      random: () => 1,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
      makeKey: () => `key-${++keys}`,
      now: () => new Date('2026-11-27T10:00:00Z')
    });
  }

  beforeEach(() => {
    store = new MemoryStore();
    timers = [];
    keys = 0;
    outcomes = [];
    sent = [];
  });

  it('sends a submission with its own key and keeps it listed as sent', async () => {
    const box = outbox();
    box.add({ title: 'A first idea' });
    await box.flush();
    expect(sent.map(e => e.key)).toEqual(['key-1']);
    expect(box.entries).toEqual([
      expect.objectContaining({
        key: 'key-1',
        state: 'sent',
        result: { id: 'item-key-1' },
        queuedAt: '2026-11-27T10:00:00.000Z'
      })
    ]);
    expect(box.queued).toEqual([]);
  });

  it('reuses the same Idempotency-Key on every resend, across a reload', async () => {
    const box = outbox();
    outcomes = [{ kind: 'retry' }, { kind: 'retry' }];
    box.add({ title: 'Sent while the service is down' });
    await tick();
    expect(box.entries[0].state).toBe('queued');
    // A new page (after a reload) finds the entry with its key and sends it again.
    const reloaded = outbox();
    expect(reloaded.queued.map(e => e.key)).toEqual(['key-1']);
    await reloaded.flush();
    timers.shift()!.fn();
    await tick();
    await tick();
    expect(sent.map(e => e.key)).toEqual(['key-1', 'key-1', 'key-1']);
    expect(reloaded.entries[0].state).toBe('sent');
    // No new key was ever made for the same submission.
    expect(keys).toBe(1);
  });

  it('backs off from 2 s, doubling, to at most 5 minutes', async () => {
    const box = outbox();
    expect(box.delayAfter(1)).toBe(2000);
    expect(box.delayAfter(2)).toBe(4000);
    expect(box.delayAfter(5)).toBe(32000);
    expect(box.delayAfter(9)).toBe(300000);
    expect(box.delayAfter(40)).toBe(300000);

    outcomes = [{ kind: 'retry' }, { kind: 'retry' }, { kind: 'retry' }];
    box.add({ title: 'Waits for the service' });
    await tick();
    expect(timers.map(t => t.ms)).toEqual([2000]);
    expect(box.nextRetryAt).toBe(Date.parse('2026-11-27T10:00:02Z'));
    timers.shift()!.fn();
    await tick();
    expect(timers.map(t => t.ms)).toEqual([4000]);
    timers.shift()!.fn();
    await tick();
    expect(timers.map(t => t.ms)).toEqual([8000]);
    expect(box.entries[0].failures).toBe(3);
    timers.shift()!.fn();
    await tick();
    expect(box.entries[0]).toEqual(
      expect.objectContaining({ state: 'sent', failures: 0 })
    );
    expect(box.nextRetryAt).toBeNull();
  });

  it('says why it waits while the service asks it to, and forgets it once sent', async () => {
    const box = outbox();
    const reason = {
      code: 'rate_limited',
      message: 'one submission per second'
    };
    outcomes = [{ kind: 'retry', afterMs: 30_000, reason }, { kind: 'retry' }];
    box.add({ title: 'Sent too quickly' });
    await tick();
    expect(timers.map(t => t.ms)).toEqual([30000]);
    expect(box.waitReason).toEqual(reason);
    // A later failure that gives no reason (the service away) does not keep the old one.
    timers.shift()!.fn();
    await tick();
    expect(box.waitReason).toBeNull();
    expect(box.nextRetryAt).not.toBeNull();
    timers.shift()!.fn();
    await tick();
    expect(box.entries[0].state).toBe('sent');
    expect(box.waitReason).toBeNull();
  });

  it('jitters down by at most a quarter and honours a longer Retry-After', async () => {
    const box = new FeedbackOutbox<Body, Result>({
      store,
      storageKey: 'outbox',
      send: async () => ({ kind: 'retry', afterMs: 60_000 }),
      random: () => 0,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined
    });
    box.add({ title: 'Rate limited' });
    await tick();
    expect(timers.map(t => t.ms)).toEqual([60000]);

    const jittered = new FeedbackOutbox<Body, Result>({
      store: new MemoryStore(),
      storageKey: 'outbox',
      send: async () => ({ kind: 'retry' }),
      random: () => 0,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined
    });
    jittered.add({ title: 'Down' });
    await tick();
    expect(timers[1].ms).toBe(1500);
  });

  it('keeps a held submission as a draft with the reason, and sends the next ones', async () => {
    const box = outbox();
    outcomes = [
      {
        kind: 'held',
        reason: {
          code: 'consultation_closed',
          message: 'The consultation closed'
        }
      }
    ];
    box.add({ title: 'Too late for the consultation' });
    box.add({ title: 'An ordinary idea' });
    await box.flush();
    await tick();
    expect(box.entries.map(e => [e.key, e.state])).toEqual([
      ['key-1', 'held'],
      ['key-2', 'sent']
    ]);
    expect(box.entries[0].body).toEqual({
      title: 'Too late for the consultation'
    });
    expect(box.entries[0].reason?.code).toBe('consultation_closed');
    // A held draft is not sent again by itself.
    await box.flush();
    expect(sent.filter(e => e.key === 'key-1')).toHaveLength(1);
  });

  it('sends in order and stops at the first that must wait', async () => {
    const box = outbox();
    store.setItem(
      'outbox',
      JSON.stringify(
        ['a', 'b', 'c'].map(k => ({
          key: k,
          body: { title: k },
          queuedAt: '2026-11-27T09:00:00Z',
          state: 'queued',
          failures: 0
        }))
      )
    );
    outcomes = [{ kind: 'sent', result: { id: '1' } }, { kind: 'retry' }];
    await box.flush();
    expect(sent.map(e => e.key)).toEqual(['a', 'b']);
    expect(box.queued.map(e => e.key)).toEqual(['b', 'c']);
  });

  it('treats a thrown send as a retry, and moves sent to answered', async () => {
    const box = new FeedbackOutbox<Body, Result>({
      store,
      storageKey: 'outbox',
      send: async () => {
        throw new Error('boom');
      },
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
      makeKey: () => 'k'
    });
    box.add({ title: 'Thrown' });
    await tick();
    expect(box.entries[0].state).toBe('queued');
    expect(timers).toHaveLength(1);

    const other = outbox();
    other.remove('k');
    other.add({ title: 'Answered later' });
    await other.flush();
    other.markAnswered('key-1');
    expect(other.entries[0].state).toBe('answered');
  });

  it('keeps entries in memory when storage refuses writes', async () => {
    const box = outbox();
    store.failWrites = true;
    outcomes = [{ kind: 'retry' }];
    box.add({ title: 'Private browsing' });
    await tick();
    expect(box.queued.map(e => e.key)).toEqual(['key-1']);
  });

  it('makes UUIDv4 keys', () => {
    expect(randomKey()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
  });
});
