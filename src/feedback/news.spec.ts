import type { IFeedbackNews, ISeenNews } from '../api/feedbackNews';
import { FeedbackStatusItem } from './FeedbackStatusItem';
import { FeedbackNews, MIN_GAP_MS, POLL_INTERVAL_MS } from './news';
import { MemoryStore } from '../testing/memoryStore';

/** Let pending promises settle (fake timers leave microtasks alone). */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

const RECEIPT = 'ABCD-EFGH-JKMN-PQRS';
const T1 = '2026-11-27T10:00:00.000Z';
const T2 = '2026-11-27T11:00:00.000Z';

describe('feedback news', () => {
  let store: MemoryStore;
  let answer: IFeedbackNews;
  let sent: string[][];
  let seen: ISeenNews[][];
  let clock: number;
  let api: {
    news: jest.Mock<Promise<IFeedbackNews>, [string[]]>;
    markSeen: jest.Mock<Promise<{ seen: number }>, [ISeenNews[]]>;
  };

  const make = () =>
    new FeedbackNews({ api, store, user: 'ana', now: () => clock });

  beforeEach(() => {
    store = new MemoryStore();
    answer = { items: [], receipts: [] };
    sent = [];
    seen = [];
    clock = 1_000_000;
    api = {
      news: jest.fn(async (receipts: string[]) => {
        sent.push(receipts);
        return answer;
      }),
      markSeen: jest.fn(async (items: ISeenNews[]) => {
        seen.push(items);
        return { seen: items.length };
      })
    };
  });

  it('counts identified items with unseen news and clears them on the service when seen', async () => {
    answer = { items: [{ id: 'i1', newsAt: T1 }], receipts: [] };
    const news = make();
    const changes = jest.fn();
    news.changed.connect(changes);
    await news.check();
    expect(news.count).toBe(1);
    expect(news.isNew('i1')).toBe(true);
    expect(changes).toHaveBeenCalledTimes(1);

    await news.seen();
    expect(news.count).toBe(0);
    expect(seen).toEqual([[{ id: 'i1', through: T1 }]]);
    // Nothing about identified items is kept in the browser: the service holds the marker.
    expect(store.getItem('jupyterlab-catalyst:feedback:ana:newsSeen')).toBe(
      '{}'
    );
  });

  it('follows anonymous items by the receipts kept here and remembers what was seen in this browser only', async () => {
    store.setItem(
      'jupyterlab-catalyst:feedback:ana:receipts',
      JSON.stringify([
        { code: RECEIPT, itemId: 'a1', title: 't', createdOn: '2026-11-27' }
      ])
    );
    answer = {
      items: [],
      receipts: [
        { receipt: RECEIPT, id: 'a1', newsAt: T1 },
        { receipt: 'OTHER-CODE-0000-0000', id: 'a2', newsAt: null }
      ]
    };
    const first = make();
    await first.check();
    expect(sent).toEqual([[RECEIPT]]);
    expect(first.count).toBe(1);
    await first.seen(['a1']);
    // Anonymous items are never marked on the service.
    expect(api.markSeen).not.toHaveBeenCalled();

    // A reload in the same browser: still seen.
    const reloaded = make();
    await reloaded.check();
    expect(reloaded.count).toBe(0);

    // Newer news of the same item counts again.
    answer.receipts[0].newsAt = T2;
    await reloaded.check(true);
    expect(reloaded.isNew('a1')).toBe(true);
  });

  it('asks at most once per minimum gap unless forced, and keeps what it knew when the service fails', async () => {
    answer = { items: [{ id: 'i1', newsAt: T1 }], receipts: [] };
    const news = make();
    await news.check();
    await news.check();
    clock += MIN_GAP_MS - 1;
    await news.check();
    expect(api.news).toHaveBeenCalledTimes(1);

    api.news.mockRejectedValueOnce(new Error('offline'));
    clock += 2;
    await news.check();
    expect(api.news).toHaveBeenCalledTimes(2);
    expect(news.count).toBe(1);

    await news.check(true);
    expect(api.news).toHaveBeenCalledTimes(3);
  });

  it('polls on start, on focus and every few minutes while visible, and stops when disposed', async () => {
    jest.useFakeTimers();
    try {
      const win = new EventTarget() as unknown as Window;
      const doc = Object.assign(new EventTarget(), {
        visibilityState: 'visible'
      }) as unknown as Document;
      const news = new FeedbackNews({
        api,
        store,
        user: 'ana',
        now: () => clock,
        minGapMs: 0
      });
      const polling = news.poll(win, doc);
      await flush();
      expect(api.news).toHaveBeenCalledTimes(1);

      win.dispatchEvent(new Event('focus'));
      await flush();
      expect(api.news).toHaveBeenCalledTimes(2);

      jest.advanceTimersByTime(POLL_INTERVAL_MS - 1);
      expect(api.news).toHaveBeenCalledTimes(2);
      jest.advanceTimersByTime(1);
      await flush();
      expect(api.news).toHaveBeenCalledTimes(3);

      // A hidden page does not poll.
      (doc as { visibilityState: string }).visibilityState = 'hidden';
      jest.advanceTimersByTime(POLL_INTERVAL_MS);
      expect(api.news).toHaveBeenCalledTimes(3);

      polling.dispose();
      (doc as { visibilityState: string }).visibilityState = 'visible';
      win.dispatchEvent(new Event('focus'));
      jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
      expect(api.news).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('makes the status-bar item say how many items have news', async () => {
    answer = {
      items: [
        { id: 'i1', newsAt: T1 },
        { id: 'i2', newsAt: T2 }
      ],
      receipts: []
    };
    const news = make();
    let queued = 1;
    const item = new FeedbackStatusItem({
      label: 'Feedback',
      caption: 'Send feedback',
      queuedLabel: n => `Feedback: ${n} waiting`,
      newsLabel: n => `Feedback: ${n} new responses`,
      count: () => queued,
      news: () => news.count,
      onOpen: () => undefined
    });
    news.changed.connect(() => item.refresh());
    expect(item.node.textContent).toBe('Feedback: 1 waiting');

    await news.check();
    expect(item.node.textContent).toBe('Feedback: 2 new responses');
    expect(item.node.title).toBe('Feedback: 1 waiting. Send feedback');
    expect(item.node.dataset.news).toBe('2');

    queued = 0;
    await news.seen();
    expect(item.node.textContent).toBe('Feedback');
    expect(item.node.dataset.news).toBe('0');
    item.dispose();
  });
});
