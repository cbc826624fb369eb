import { Outbox, type IOutboxEntry, type SendOutcome } from './outbox';
import { MemoryStore } from '../testing/memoryStore';

function entry(step: string) {
  return {
    tutorialId: 't',
    version: '1',
    stepId: step,
    body: {
      status: 'passed' as const,
      attempts: 1,
      hintsUsed: 0,
      clientTime: '2026-11-27T10:00:00.000Z'
    }
  };
}

describe('progress outbox', () => {
  let store: MemoryStore;
  let timers: { fn: () => void; ms: number }[];
  let keys: number;
  let outcomes: SendOutcome[];
  let sent: IOutboxEntry[];

  function outbox(): Outbox {
    return new Outbox({
      store,
      storageKey: 'outbox',
      send: async e => {
        sent.push(e);
        return outcomes.shift() ?? 'sent';
      },
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
      makeKey: () => `key-${++keys}`
    });
  }

  beforeEach(() => {
    store = new MemoryStore();
    timers = [];
    keys = 0;
    outcomes = [];
    sent = [];
  });

  it('sends an update with its own key and ends saved', async () => {
    const box = outbox();
    box.add(entry('a'));
    await box.flush();
    expect(sent.map(e => e.key)).toEqual(['key-1']);
    expect(box.state).toBe('saved');
    expect(box.pending).toEqual([]);
  });

  it('keeps updates in storage while the service is away and retries with backoff', async () => {
    const box = outbox();
    outcomes = ['retry', 'retry'];
    box.add(entry('a'));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(box.state).toBe('waiting');
    expect(timers.map(t => t.ms)).toEqual([1000]);
    // A new page (after a reload) finds what waits.
    expect(outbox().pending.map(e => e.key)).toEqual(['key-1']);

    timers.shift()!.fn();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(timers.map(t => t.ms)).toEqual([2000]);

    timers.shift()!.fn();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(box.state).toBe('saved');
    // The resend carries the same key, so the service applies it once.
    expect(sent.map(e => e.key)).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('caps the delay and drops updates the service refuses for good', async () => {
    const box = outbox();
    expect(box.delayAfter(1)).toBe(1000);
    expect(box.delayAfter(4)).toBe(8000);
    expect(box.delayAfter(30)).toBe(60000);
    outcomes = ['drop'];
    box.add(entry('gone'));
    box.add(entry('b'));
    await box.flush();
    expect(box.pending).toEqual([]);
    expect(box.state).toBe('saved');
  });

  it('sends in order and stops at the first failure', async () => {
    const box = outbox();
    outcomes = ['sent', 'retry'];
    store.setItem(
      'outbox',
      JSON.stringify([
        { ...entry('a'), key: 'k-a' },
        { ...entry('b'), key: 'k-b' },
        { ...entry('c'), key: 'k-c' }
      ])
    );
    await box.flush();
    expect(sent.map(e => e.key)).toEqual(['k-a', 'k-b']);
    expect(box.pending.map(e => e.key)).toEqual(['k-b', 'k-c']);
  });
});
