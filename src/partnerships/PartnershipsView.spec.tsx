import { nullTranslator } from '@jupyterlab/translation';
import { framePromise } from '@jupyterlab/testing';
import { Widget } from '@lumino/widgets';

import type {
  ICommunityCard,
  ICommunitySummary,
  PartnershipsApi
} from '../api/partnerships';
import { arrangeRows, PartnershipsWidget } from './PartnershipsView';

const trans = nullTranslator.load('jupyterlab_catalyst');

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

const row = (
  slug: string,
  status: string,
  endDate: string
): ICommunitySummary => ({
  slug,
  name: slug.toUpperCase(),
  country: 'Kenya',
  region: 'Africa',
  language: 'en',
  phase: 'active',
  status,
  statusLine: status,
  termId: 1,
  termSeq: 1,
  startDate: '2025-01-01',
  endDate,
  daysLeft: 10,
  guaranteedServiceDate: null,
  champions: { hub_champion: 'Wanjiru', community_champion: null },
  vacancies: ['community_champion'],
  checklist: { done: 1, total: 5 },
  training: { completed: 0, total: 1 }
});

const rows = [
  row('b', 'active', '2026-06-30'),
  row('a', 'renewal-due', '2026-01-31'),
  row('c', 'ended', '2025-10-31')
];

const card: ICommunityCard = {
  community: {
    slug: 'a',
    name: 'Andes',
    country: 'Peru',
    region: 'Latin America',
    language: 'es',
    website: ''
  },
  summary: rows[1],
  dates: {
    termEnd: '2026-01-31',
    guaranteedService: '2026-11-30',
    decommissionProposed: null,
    decommissioned: null
  },
  terms: [],
  history: [],
  roles: [],
  vacancies: ['community_champion'],
  checklist: [
    {
      id: 7,
      key: 'champions_named',
      done: false,
      doneAt: null,
      doneBy: null,
      evidenceUrl: ''
    }
  ],
  enrolments: [],
  reminders: [
    {
      id: 1,
      kind: 'term-end-60',
      termId: 1,
      anchorDate: '2026-01-31',
      offsetDays: -60,
      dueAt: '2025-12-02T09:00:00.000Z',
      state: 'scheduled'
    }
  ]
};

describe('partnerships view', () => {
  it('puts renewal-due first, then ended, then active; filters by text and status', () => {
    expect(arrangeRows(rows, '', '', 'status').map(r => r.slug)).toEqual([
      'a',
      'c',
      'b'
    ]);
    expect(arrangeRows(rows, '', '', 'end').map(r => r.slug)).toEqual([
      'c',
      'a',
      'b'
    ]);
    expect(arrangeRows(rows, 'B', '', 'status').map(r => r.slug)).toEqual([
      'b'
    ]);
    expect(arrangeRows(rows, '', 'ended', 'status')).toHaveLength(1);
  });

  it('shows the Core Team table with vacancies', async () => {
    const api = {
      list: jest
        .fn()
        .mockResolvedValue({ today: '2026-01-01', communities: rows }),
      inbox: jest.fn().mockResolvedValue({
        reminders: [
          {
            ...card.reminders[0],
            communitySlug: 'a',
            state: 'sent',
            sentAt: '2025-12-02T09:00:00.000Z',
            readAt: null
          }
        ],
        unread: 1
      }),
      markReminderRead: jest.fn().mockImplementation(async (id: number) => ({
        ...card.reminders[0],
        id,
        communitySlug: 'a',
        state: 'sent',
        sentAt: '2025-12-02T09:00:00.000Z',
        readAt: '2025-12-03T10:00:00.000Z'
      }))
    } as unknown as PartnershipsApi;
    const widget = new PartnershipsWidget({ api, trans, roles: ['core-team'] });
    Widget.attach(widget, document.body);
    const first = await find(widget, 'tbody tr');
    expect(first.dataset.status).toBe('renewal-due');
    expect(first.textContent).toContain('Vacant');
    const inbox = await find(widget, '.jp-Catalyst-partnerships-inbox');
    expect(inbox.querySelector('h3')?.textContent).toBe(
      'Reminders for you (1 new)'
    );
    const item = inbox.querySelector<HTMLElement>('li')!;
    expect(item.textContent).toContain(
      'a: The term ends in 60 days: talk about renewal'
    );
    expect(item.dataset.read).toBe('no');
    item.querySelector('button')!.click();
    await find(widget, '.jp-Catalyst-partnerships-inbox li[data-read="yes"]');
    expect(api.markReminderRead).toHaveBeenCalledWith(card.reminders[0].id);
    expect(inbox.querySelector('h3')?.textContent).toBe('Reminders for you');
    expect(inbox.querySelector('li button')).toBeNull();
    expect(inbox.querySelector('[aria-live]')?.textContent).toBe(
      'Marked as read.'
    );
    widget.dispose();
  });

  it('shows a champion their own card and lets them tick an item', async () => {
    const api = {
      own: jest.fn().mockResolvedValue(card),
      tick: jest.fn().mockResolvedValue({}),
      inbox: jest.fn().mockResolvedValue({ reminders: [], unread: 0 })
    } as unknown as PartnershipsApi;
    const widget = new PartnershipsWidget({
      api,
      trans,
      roles: ['member', 'hub-champion']
    });
    Widget.attach(widget, document.body);
    const box = (await find(
      widget,
      'input[type=checkbox]'
    )) as HTMLInputElement;
    expect(widget.node.textContent).toContain(
      'Vacant role: Community Champion'
    );
    expect(widget.node.textContent).toContain('2026-11-30');
    expect(widget.node.textContent).toContain(
      '2025-12-02: The term ends in 60 days: talk about renewal'
    );
    expect(
      widget.node.querySelector('.jp-Catalyst-partnerships-actions')
    ).toBeNull();
    expect(
      (await find(widget, '.jp-Catalyst-partnerships-inbox')).textContent
    ).toContain('No reminders for you.');
    box.click();
    await framePromise();
    expect(api.tick).toHaveBeenCalledWith(7, true);
    widget.dispose();
  });

  it('lets the enrolled person offer their training panel progress and shows what the service says', async () => {
    const enrolment = {
      id: 42,
      person: { name: 'Wanjiru', email: null, githubHandle: 'wanjiru' },
      programme: 'hub_champion_training',
      cohort: '2026-a',
      language: 'en',
      status: 'enrolled',
      evidenceState: 'not_evaluated',
      evidenceUrl: '',
      completedOn: null
    };
    const verified = {
      ...enrolment,
      evidenceUrl: 'catalyst:training/hub-a/wanjiru',
      completedOn: '2026-02-20'
    };
    const own = jest
      .fn()
      .mockResolvedValueOnce({ ...card, enrolments: [enrolment] })
      .mockResolvedValue({ ...card, enrolments: [verified] });
    const api = {
      own,
      inbox: jest.fn().mockResolvedValue({ reminders: [], unread: 0 }),
      offerTrainingEvidence: jest
        .fn()
        .mockRejectedValueOnce(
          new Error(
            '5 of 6 Hub Champion episodes completed; finish them all first'
          )
        )
        .mockResolvedValue(verified)
    } as unknown as PartnershipsApi;
    const widget = new PartnershipsWidget({
      api,
      trans,
      roles: ['member', 'hub-champion']
    });
    Widget.attach(widget, document.body);
    const offer = () =>
      Array.from(widget.node.querySelectorAll('button')).find(
        b => b.textContent === 'Offer my training panel progress'
      )!;
    await find(widget, 'li[data-enrolment="42"] button');
    offer().click();
    const live = await find(widget, 'li[data-enrolment="42"] [aria-live]');
    for (let i = 0; i < 50 && !live.textContent; i++) await framePromise();
    expect(live.textContent).toBe(
      '5 of 6 Hub Champion episodes completed; finish them all first'
    );
    offer().click();
    for (let i = 0; i < 50 && own.mock.calls.length < 2; i++) {
      await framePromise();
    }
    for (
      let i = 0;
      i < 50 &&
      !widget.node.textContent?.includes('Verified from the training panel');
      i++
    ) {
      await framePromise();
    }
    expect(api.offerTrainingEvidence).toHaveBeenCalledWith(42);
    expect(widget.node.textContent).toContain(
      'Verified from the training panel, completed 2026-02-20'
    );
    widget.dispose();
  });

  it('downloads my own data, or says why there is none', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:mine';
    });
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        clicked.push(this);
      });
    const api = {
      own: jest.fn().mockResolvedValue(card),
      inbox: jest.fn().mockResolvedValue({ reminders: [], unread: 0 }),
      myData: jest
        .fn()
        .mockResolvedValueOnce({
          person: { name: 'Selma' },
          roles: [],
          enrolments: []
        })
        .mockRejectedValueOnce(
          new Error(
            'no partnership record names you (by email or GitHub handle)'
          )
        )
    } as unknown as PartnershipsApi;
    const widget = new PartnershipsWidget({
      api,
      trans,
      roles: ['member', 'hub-champion']
    });
    Widget.attach(widget, document.body);
    const button = await find(
      widget,
      '.jp-Catalyst-partnerships-mydata button'
    );
    const live = widget.node.querySelector(
      '.jp-Catalyst-partnerships-mydata [aria-live]'
    )!;
    button.click();
    for (let i = 0; i < 50 && !live.textContent; i++) await framePromise();
    expect(live.textContent).toBe('Your data was downloaded.');
    expect(created[0].type).toBe('application/json');
    expect(clicked[0].download).toBe('my-partnership-data.json');
    expect(clicked[0].href).toBe('blob:mine');
    button.click();
    for (
      let i = 0;
      i < 50 && live.textContent === 'Your data was downloaded.';
      i++
    ) {
      await framePromise();
    }
    expect(live.textContent).toBe(
      'no partnership record names you (by email or GitHub handle)'
    );
    expect(clicked).toHaveLength(1);
    click.mockRestore();
    widget.dispose();
  });
});
