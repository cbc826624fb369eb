import { nullTranslator } from '@jupyterlab/translation';
import { framePromise } from '@jupyterlab/testing';
import { Widget } from '@lumino/widgets';

import { ApiError } from '../api/errors';
import type {
  FeedbackApi,
  IFeedbackItem,
  INewFeedback,
  ISubmitted
} from '../api/feedback';
import { errorMessage, FeedbackWidget } from './FeedbackPanel';
import { FeedbackModel, type IAvailableContext } from './model';
import { FeedbackNews } from './news';
import { MemoryStore } from '../testing/memoryStore';

async function find(widget: Widget, selector: string): Promise<HTMLElement> {
  for (let i = 0; i < 50; i++) {
    const found = widget.node.querySelector<HTMLElement>(selector);
    if (found) {
      return found;
    }
    await framePromise();
  }
  throw new Error(`Nothing matches ${selector}`);
}

/** A button of the open dialog, by its label. */
async function dialogButton(label: string): Promise<HTMLElement> {
  for (let i = 0; i < 50; i++) {
    const found = Array.from(
      document.body.querySelectorAll<HTMLElement>('.jp-Dialog-button')
    ).find(b => b.textContent === label);
    if (found) {
      return found;
    }
    await framePromise();
  }
  throw new Error(`No dialog button ${label}`);
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await framePromise();
  }
}

/** Set a controlled input's value the way a person typing does. */
function type(el: HTMLElement, value: string): void {
  const proto = Object.getPrototypeOf(el) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(
    new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true })
  );
}

function item(change: Partial<IFeedbackItem> = {}): IFeedbackItem {
  return {
    id: 'i1',
    hubId: 'demo',
    topic: 'training',
    consultationId: null,
    title: 'A title',
    body: 'A body',
    lang: 'en',
    context: null,
    anonymous: false,
    state: 'new',
    mergedInto: null,
    createdOn: '2026-11-27',
    supportCount: 0,
    supportedByMe: false,
    mine: true,
    responses: [],
    ...change
  };
}

const SCRIPT_TITLE = '<img src=x onerror="window.__pwned=1">';
const SCRIPT_BODY = '<script>window.__pwned=2</script>\n<b>bold?</b>';

describe('feedback widget', () => {
  let submitted: { body: INewFeedback; key: string }[];
  let answers: (ISubmitted | Error)[];
  let api: FeedbackApi;
  let store: MemoryStore;
  let context: IAvailableContext;
  let widget: FeedbackWidget;
  let timers: (() => void)[];

  function open(
    roles: ('member' | 'core-team')[] = ['member'],
    news?: FeedbackNews
  ) {
    const model = new FeedbackModel({
      api,
      store,
      user: 'member',
      outbox: {
        setTimer: fn => timers.push(fn),
        clearTimer: () => undefined
      }
    });
    widget = new FeedbackWidget({
      model,
      api,
      trans: nullTranslator.load('jupyterlab_catalyst'),
      uiLanguage: 'es',
      roles,
      news,
      getContext: () => context
    });
    Widget.attach(widget, document.body);
    return model;
  }

  beforeEach(() => {
    submitted = [];
    answers = [];
    timers = [];
    store = new MemoryStore();
    context = {
      notebook: { kind: 'notebook', path: 'work/member-analysis.ipynb' },
      tutorial: null
    };
    api = {
      options: jest.fn(async () => ({
        topics: ['governance', 'training'],
        limits: {
          titleMin: 10,
          titleMax: 120,
          bodyMax: 4000,
          perDay: 10,
          perSecond: 1,
          receiptsPerLookup: 20
        }
      })),
      consultations: jest.fn(async () => ({ consultations: [] })),
      submit: jest.fn(async (body: INewFeedback, key: string) => {
        submitted.push({ body, key });
        const answer = answers.shift();
        if (answer instanceof Error) {
          throw answer;
        }
        return (
          answer ?? {
            item: item({ title: body.title, anonymous: !!body.anonymous }),
            receipt: body.anonymous ? 'ABCD-EFGH-JKMN-PQRS' : null
          }
        );
      }),
      mine: jest.fn(async () => ({
        items: [item({ title: SCRIPT_TITLE, body: SCRIPT_BODY })]
      })),
      lookup: jest.fn(async () => ({ items: [], unknown: [] }))
    } as unknown as FeedbackApi;
  });

  afterEach(() => {
    widget.dispose();
    delete (window as { __pwned?: number }).__pwned;
  });

  async function fill(title: string, body: string) {
    type(await find(widget, '#jp-Catalyst-feedback-target'), 'topic:training');
    type(await find(widget, '#jp-Catalyst-feedback-title'), title);
    type(await find(widget, '#jp-Catalyst-feedback-body'), body);
    await settle();
  }

  async function send() {
    (await find(widget, 'button[type="submit"]')).click();
    await settle();
  }

  it('explains every problem, marks the fields and sends nothing', async () => {
    open();
    type(await find(widget, '#jp-Catalyst-feedback-title'), 'short');
    await settle();
    await send();

    const problems = Array.from(
      widget.node.querySelectorAll('.jp-Catalyst-feedback-problem'),
      p => p.textContent
    );
    expect(problems).toEqual([
      'Choose a topic or a consultation.',
      'The title needs 10 to 120 characters.',
      'Write your feedback.'
    ]);
    expect(
      widget.node
        .querySelector('#jp-Catalyst-feedback-title')!
        .getAttribute('aria-invalid')
    ).toBe('true');
    const alert = widget.node.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain(
      'The title needs 10 to 120 characters.'
    );
    expect(document.activeElement?.id).toBe('jp-Catalyst-feedback-target');
    expect(submitted).toHaveLength(0);
  });

  it('counts characters and defaults the language to JupyterLab’s', async () => {
    open();
    await fill('A useful title', 'Hola 🌍');
    const counter = await find(widget, '#jp-Catalyst-feedback-counter');
    expect(counter.textContent).toBe('6 of 4000 characters');
    expect(
      (
        widget.node.querySelector(
          '#jp-Catalyst-feedback-lang'
        ) as HTMLSelectElement
      ).value
    ).toBe('es');
  });

  it('attaches the notebook only when ticked, and shows it before sending', async () => {
    open();
    await fill('  Without context  ', 'First');
    const preview = await find(widget, '.jp-Catalyst-feedback-preview');
    expect(preview.textContent).toContain('No context attached');
    await send();
    expect(submitted[0].body).toEqual({
      title: 'Without context',
      body: 'First',
      lang: 'es',
      topic: 'training',
      anonymous: false
    });

    await fill('With the notebook', 'Second');
    (
      widget.node.querySelector(
        '.jp-Catalyst-feedback-context input'
      ) as HTMLInputElement
    ).click();
    await settle();
    expect(preview.textContent).toContain(
      'Notebook: work/member-analysis.ipynb'
    );
    await send();
    expect(submitted[1].body.context).toEqual({
      kind: 'notebook',
      path: 'work/member-analysis.ipynb'
    });
  });

  it('never sends a notebook path anonymously, and shows the receipt code', async () => {
    context.tutorial = {
      kind: 'tutorial',
      tutorialId: 'first-python-notebook',
      step: 'run-cell'
    };
    open();
    await fill('Anonymous with context', 'Body');
    (
      widget.node.querySelector(
        '.jp-Catalyst-feedback-anonymity input'
      ) as HTMLInputElement
    ).click();
    (
      widget.node.querySelector(
        '.jp-Catalyst-feedback-context input'
      ) as HTMLInputElement
    ).click();
    await settle();
    expect(
      widget.node.querySelector('#jp-Catalyst-feedback-consent')!.textContent
    ).toContain('cannot be undone');
    await send();
    expect(submitted[0].body.anonymous).toBe(true);
    expect(submitted[0].body.context).toEqual({
      kind: 'tutorial',
      tutorialId: 'first-python-notebook',
      step: 'run-cell'
    });
    const code = await find(widget, '.jp-Catalyst-feedback-receiptCode');
    expect(code.textContent).toBe('ABCD-EFGH-JKMN-PQRS');
    // Kept in this browser so that "My feedback" can follow it.
    expect(
      store.getItem('jupyterlab-catalyst:feedback:member:receipts')
    ).toContain('ABCD-EFGH-JKMN-PQRS');
  });

  it('shows a submission as queued while the service is away, then sent, with one key', async () => {
    open();
    answers = [
      new ApiError({ status: 0, code: 'network_error', message: 'offline' })
    ];
    await fill('Sent while offline', 'Body');
    await send();
    const entry = await find(widget, '.jp-Catalyst-feedback-entry');
    expect(entry.dataset.state).toBe('queued');
    expect(entry.textContent).toContain('Queued');
    expect(timers).toHaveLength(1);

    timers.shift()!();
    await settle();
    expect(entry.dataset.state).toBe('sent');
    expect(submitted.map(s => s.key)).toEqual([
      submitted[0].key,
      submitted[0].key
    ]);
  });

  it('says how long a rate-limited submission waits, from the service’s 429, then sends it', async () => {
    open();
    answers = [
      await ApiError.fromResponse(
        new Response(
          JSON.stringify({
            statusCode: 429,
            error: 'Too Many Requests',
            message: 'one submission per second; try again shortly',
            code: 'rate_limited',
            retryAfter: 30
          }),
          { status: 429, headers: { 'Retry-After': '30' } }
        )
      )
    ];
    await fill('Sent too quickly', 'Body');
    await send();
    const outbox = await find(widget, '.jp-Catalyst-feedback-outbox');
    expect(
      outbox
        .querySelector('.jp-Catalyst-feedback-entry')!
        .getAttribute('data-state')
    ).toBe('queued');
    expect(outbox.textContent).toContain(
      'Too many submissions at once: the next try is in 30 s'
    );

    timers.shift()!();
    await settle();
    expect(
      outbox
        .querySelector('.jp-Catalyst-feedback-entry')!
        .getAttribute('data-state')
    ).toBe('sent');
    expect(outbox.textContent).not.toContain('Too many submissions');
    expect(new Set(submitted.map(s => s.key)).size).toBe(1);
  });

  it('tells how long to wait when an action is refused with 429', () => {
    const trans = nullTranslator.load('jupyterlab_catalyst');
    const limited = (retryAfter?: number) =>
      new ApiError({
        status: 429,
        code: 'rate_limited',
        message: 'slow down',
        retryAfter
      });
    expect(errorMessage(trans, limited(5))).toBe(
      'Too many requests: try again in 5 s.'
    );
    expect(errorMessage(trans, limited(3600))).toBe(
      'Too many requests: try again in 60 min.'
    );
    expect(errorMessage(trans, limited(40000))).toBe(
      'Too many requests: try again in 12 h.'
    );
    expect(errorMessage(trans, limited())).toBe(
      'Too many requests: wait a moment and try again.'
    );
  });

  it('keeps a reply to a closed consultation as a draft and says why', async () => {
    open();
    answers = [
      new ApiError({
        status: 409,
        code: 'consultation_closed',
        message: 'closed'
      })
    ];
    await fill('Too late to reply', 'Body');
    await send();
    const entry = await find(
      widget,
      '.jp-Catalyst-feedback-entry[data-state="held"]'
    );
    expect(entry.textContent).toContain(
      'The consultation closed before your reply arrived.'
    );
    (entry.querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(
      (
        widget.node.querySelector(
          '#jp-Catalyst-feedback-title'
        ) as HTMLInputElement
      ).value
    ).toBe('Too late to reply');
  });

  it('renders what people write as text: markup shows literally and nothing runs', async () => {
    open();
    (await find(widget, '[data-tab="mine"]')).click();
    const card = await find(widget, '.jp-Catalyst-feedback-item');
    expect(
      card.querySelector('.jp-Catalyst-feedback-itemTitle')!.textContent
    ).toBe(SCRIPT_TITLE);
    expect(card.querySelector('.jp-Catalyst-feedback-body')!.textContent).toBe(
      SCRIPT_BODY
    );
    expect(widget.node.querySelector('img, script, b')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('marks items with a new response as new in My feedback, and opening it clears the count', async () => {
    (api.mine as jest.Mock).mockResolvedValue({
      items: [
        item({ id: 'i1', title: 'Answered item' }),
        item({ id: 'i2', title: 'Quiet item' })
      ]
    });
    const markSeen = jest.fn(async () => ({ seen: 1 }));
    const news = new FeedbackNews({
      api: {
        news: jest.fn(async () => ({
          items: [{ id: 'i1', newsAt: '2026-11-27T10:00:00.000Z' }],
          receipts: []
        })),
        markSeen
      },
      store,
      user: 'member'
    });
    await news.check();
    open(['member'], news);
    const tab = await find(widget, '[data-tab="mine"]');
    expect(tab.textContent).toBe('My feedback (1 new)');
    tab.click();
    await find(widget, '.jp-Catalyst-feedback-item[data-new="true"]');
    await settle();
    const marked = Array.from(
      widget.node.querySelectorAll(
        '.jp-Catalyst-feedback-item[data-new="true"]'
      ),
      card => card.querySelector('.jp-Catalyst-feedback-itemTitle')!.textContent
    );
    expect(marked).toEqual(['Answered item']);
    expect(markSeen).toHaveBeenCalledWith([
      { id: 'i1', through: '2026-11-27T10:00:00.000Z' }
    ]);
    expect(news.count).toBe(0);
    expect((await find(widget, '[data-tab="mine"]')).textContent).toBe(
      'My feedback'
    );
    expect(widget.node.querySelector('[role="status"]')!.textContent).toBe(
      '1 of your items has a new response or decision.'
    );
  });

  it('downloads everything held under my name as a JSON file from My feedback', async () => {
    const data = {
      exportedAt: '2026-11-27T10:00:00.000Z',
      user: 'member',
      hub: 'demo',
      items: [item()],
      supports: [{ itemId: 'i9', title: 'Someone else’s idea' }],
      reports: [],
      seen: [],
      note: 'Anonymous items are not linked to you and are not included.'
    };
    (api as { exportMine?: unknown }).exportMine = jest.fn(async () => data);
    const blobs: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:export';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        names.push(this.download);
      });
    try {
      open();
      (await find(widget, '[data-tab="mine"]')).click();
      (await find(widget, '.jp-Catalyst-feedback-export')).click();
      await settle();
      expect(names).toEqual(['catalyst-feedback-member-2026-11-27.json']);
      const text = await new Promise<string>(resolve => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.readAsText(blobs[0]);
      });
      expect(JSON.parse(text)).toEqual(data);
      expect(
        widget.node.querySelector('.jp-Catalyst-feedback-status')!.textContent
      ).toBe('Your data was downloaded.');
    } finally {
      click.mockRestore();
    }
  });

  it('erases my data in the chosen way only once confirmed, and forgets what this browser kept of it', async () => {
    const erase = jest.fn(async () => ({ items: 1, supports: 2, reports: 0 }));
    (api as { eraseMine?: unknown }).eraseMine = erase;
    const model = open();
    await fill('A signed idea to erase', 'Body');
    await send();
    await fill('An anonymous idea to keep', 'Body');
    (
      (await find(
        widget,
        '.jp-Catalyst-feedback-anonymity input[type="checkbox"]'
      )) as HTMLInputElement
    ).click();
    await settle();
    await send();
    expect(model.entries.map(e => e.state)).toEqual(['sent', 'sent']);

    (await find(widget, '[data-tab="mine"]')).click();
    const deleteChoice = (await find(
      widget,
      'input[name="jp-Catalyst-feedback-eraseMode"][value="delete"]'
    )) as HTMLInputElement;
    deleteChoice.click();
    await settle();

    // Cancelled: nothing is erased.
    (await find(widget, '.jp-Catalyst-feedback-erase')).click();
    (await dialogButton('Keep my data')).click();
    await settle();
    expect(erase).not.toHaveBeenCalled();

    (await find(widget, '.jp-Catalyst-feedback-erase')).click();
    const dialog = await find({ node: document.body } as Widget, '.jp-Dialog');
    expect(dialog.textContent).toContain(
      'Your signed items are deleted with their responses and history.'
    );
    expect(dialog.textContent).toContain('Anonymous items are not affected');
    (await dialogButton('Erase')).click();
    await settle();
    await settle();
    expect(erase).toHaveBeenCalledWith('delete');
    expect(
      widget.node.querySelector('.jp-Catalyst-feedback-status')!.textContent
    ).toBe('Erased: 1 items, 2 supports, 0 reports.');
    // The signed item's local record is gone; the anonymous one and its receipt stay.
    expect(model.entries.map(e => e.body.title)).toEqual([
      'An anonymous idea to keep'
    ]);
    expect(model.receipts).toHaveLength(1);
    expect(api.mine).toHaveBeenCalledTimes(2);
  });

  it('shows triage only to the Core Team', async () => {
    open();
    await find(widget, '[role="tablist"]');
    expect(widget.node.querySelector('[data-tab="triage"]')).toBeNull();
    widget.dispose();
    open(['member', 'core-team']);
    expect(await find(widget, '[data-tab="triage"]')).toBeTruthy();
  });
});
