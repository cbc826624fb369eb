import { nullTranslator } from '@jupyterlab/translation';
import {
  dismissDialog,
  framePromise,
  waitForDialog
} from '@jupyterlab/testing';
import { Widget } from '@lumino/widgets';

import type { AdminApi, IAdminUser, IAuditEntry } from '../api/admin';
import { AdminConsoleWidget } from './AdminConsole';

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

function buttonNamed(widget: Widget, text: string): HTMLButtonElement {
  const button = [...widget.node.querySelectorAll('button')].find(
    b => b.textContent === text
  );
  if (!button) {
    throw new Error(`no button ${text}`);
  }
  return button;
}

/** Sets an input's value the way React notices. */
function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = Object.getPrototypeOf(input);
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const bea: IAdminUser = {
  name: 'bea',
  admin: false,
  groups: ['cohort'],
  servers: [
    {
      name: '',
      ready: true,
      pending: null,
      started: null,
      last_activity: null,
      url: '/user/bea/'
    }
  ],
  last_activity: null,
  created: null,
  training: { passedSteps: 2, tutorials: 1, updatedAt: '2026-11-20T10:00:00Z' }
};

function fakeApi(
  features = { sort: true, groupProperties: true, progress: true }
) {
  return {
    listUsers: jest.fn(async () => ({
      items: [bea],
      total: 1,
      offset: 0,
      limit: 25
    })),
    info: jest.fn(async () => ({
      version: '5.4.6',
      authenticator: { class: 'GitHubOAuthenticator', version: '17' },
      spawner: { class: 'KubeSpawner', version: '7' },
      features,
      adminUrl: '/hub/admin'
    })),
    stopServer: jest.fn(async () => ({})),
    deleteUser: jest.fn(async () => ({})),
    addUsers: jest.fn(
      async (names: string[], group: string, confirm: boolean) => ({
        confirmed: confirm,
        names: [
          { input: 'ana', name: 'ana', status: 'new', reason: '' },
          { input: 'ana', name: 'ana', status: 'duplicate', reason: '' },
          { input: 'x y', name: 'x y', status: 'invalid', reason: '' }
        ],
        created: confirm ? ['ana'] : [],
        group: group || null,
        groupExists: true,
        addedToGroup: []
      })
    ),
    listAudit: jest.fn(
      async (): Promise<{ items: IAuditEntry[]; total: number }> => ({
        items: [],
        total: 0
      })
    ),
    totals: jest.fn(async () => ({
      users: 120,
      runningServers: 7,
      active24h: 9,
      active7d: 30,
      active30d: 61,
      source: 'metrics'
    })),
    listGroups: jest.fn(async () => ({
      items: [
        {
          name: 'cohort',
          users: ['bea'],
          memberCount: 1,
          properties: { cpu_limit: 2 },
          managed: null,
          grantsRole: null
        },
        {
          name: 'gh-team',
          users: ['bea'],
          memberCount: 1,
          properties: { 'catalyst.managed': 'synced from GitHub' },
          managed: 'synced from GitHub',
          grantsRole: null
        },
        {
          name: 'hub-champions',
          users: ['champion'],
          memberCount: 1,
          properties: {},
          managed: null,
          grantsRole: 'hub-champion'
        }
      ],
      total: 3
    })),
    matchingNames: jest.fn(async () => ({
      names: ['bea', 'champion'],
      total: 2,
      truncated: false
    })),
    setGroupProperties: jest.fn(async () => ({})),
    deleteGroup: jest.fn(async () => ({}))
  };
}

describe('AdminConsoleWidget', () => {
  let api: ReturnType<typeof fakeApi>;
  let widget: AdminConsoleWidget;

  beforeEach(() => {
    api = fakeApi();
    widget = new AdminConsoleWidget({
      api: api as unknown as AdminApi,
      trans,
      me: 'champion'
    });
    Widget.attach(widget, document.body);
  });
  afterEach(() => widget.dispose());

  it('lists users with their server state, total and how people log in', async () => {
    const row = await find(widget, '[data-user="bea"]');
    expect(row.textContent).toContain('bea');
    expect(row.textContent).toContain('running');
    expect((await find(widget, '.jp-Catalyst-admin-total')).textContent).toBe(
      '1–1 of 1 users'
    );
    expect(
      (await find(widget, '.jp-Catalyst-admin-info')).textContent
    ).toContain('GitHubOAuthenticator');
  });

  it('stops a server from its row only once the champion confirms', async () => {
    await find(widget, '[data-user="bea"]');
    buttonNamed(widget, 'Stop').click();
    await waitForDialog();
    expect(document.querySelector('.jp-Dialog')?.textContent).toContain(
      'unsaved changes in open notebooks are lost'
    );
    await dismissDialog();
    expect(api.stopServer).not.toHaveBeenCalled();
    buttonNamed(widget, 'Stop').click();
    await waitForDialog();
    // The dialog's own warn button: the table's Delete buttons are warn buttons too.
    document
      .querySelector<HTMLButtonElement>('.jp-Dialog .jp-mod-warn')
      ?.click();
    await framePromise();
    expect(api.stopServer).toHaveBeenCalledWith('bea', '');
  });

  it('deletes only after the name is typed, saying files are kept', async () => {
    await find(widget, '[data-user="bea"]');
    buttonNamed(widget, 'Delete').click();
    const confirm = await find(widget, '.jp-Catalyst-admin-confirm');
    expect(confirm.textContent).toContain('files are kept');
    const go = buttonNamed(widget, 'Delete user');
    expect(go.disabled).toBe(true);
    type(confirm.querySelector('input') as HTMLInputElement, 'bea');
    await framePromise();
    expect(buttonNamed(widget, 'Delete user').disabled).toBe(false);
    buttonNamed(widget, 'Delete user').click();
    await framePromise();
    expect(api.deleteUser).toHaveBeenCalledWith('bea');
  });

  it('previews pasted names before adding the valid ones', async () => {
    await find(widget, '[data-user="bea"]');
    buttonNamed(widget, 'Add users').click();
    const names = (await find(
      widget,
      '.jp-Catalyst-admin-names'
    )) as HTMLTextAreaElement;
    type(names, 'ana\nana\nx y');
    await framePromise();
    buttonNamed(widget, 'Preview').click();
    const preview = await find(widget, '.jp-Catalyst-admin-preview');
    expect(api.addUsers).toHaveBeenCalledWith(['ana', 'ana', 'x y'], '', false);
    expect(preview.textContent).toContain('invalid name');
    expect(preview.textContent).toContain('duplicate');
    buttonNamed(widget, 'Add 1 user').click();
    const added = await find(widget, '.jp-Catalyst-admin-added');
    expect(api.addUsers).toHaveBeenLastCalledWith(
      ['ana', 'ana', 'x y'],
      '',
      true
    );
    expect(added.textContent).toContain('1 user added.');
  });

  it('shows the hub totals and each user’s training progress', async () => {
    const totals = await find(widget, '.jp-Catalyst-admin-totals');
    expect(totals.textContent).toContain('Running servers7');
    expect(totals.textContent).toContain('Active in 30 days61');
    const cell = await find(
      widget,
      '[data-user="bea"] .jp-Catalyst-admin-training'
    );
    expect(cell.textContent).toBe('2 steps passed');
  });

  it('filters by group and stops every matching server after a confirmation, skipping the champion', async () => {
    await find(widget, '[data-user="bea"]');
    const select = await find(
      widget,
      '.jp-Catalyst-admin-filter-group option[value="cohort"]'
    );
    const group = select.parentElement as HTMLSelectElement;
    group.value = 'cohort';
    group.dispatchEvent(new Event('change', { bubbles: true }));
    await framePromise();
    expect(api.listUsers).toHaveBeenLastCalledWith(
      expect.objectContaining({ group: 'cohort', offset: 0 })
    );
    const whom = await find(widget, '.jp-Catalyst-admin-bulk-whom');
    expect(whom.textContent).toBe('All 1 matching the filters');
    buttonNamed(widget, 'Stop servers').click();
    await find(widget, '.jp-Catalyst-admin-bulk .jp-Catalyst-admin-confirm');
    expect(api.matchingNames).toHaveBeenCalledWith(
      expect.objectContaining({ group: 'cohort' })
    );
    expect(api.stopServer).not.toHaveBeenCalled();
    buttonNamed(widget, 'Go ahead').click();
    await find(widget, '.jp-Catalyst-admin-results li');
    expect(api.stopServer.mock.calls).toEqual([['bea']]);
  });

  it('shows a managed group read-only and saves typed properties of another', async () => {
    await find(widget, '[data-user="bea"]');
    buttonNamed(widget, 'Groups').click();
    const managed = await find(widget, '[data-group="gh-team"]');
    expect(managed.textContent).toContain('managed by login');
    expect(managed.textContent).not.toContain('Delete');
    buttonNamed(widget, 'View').click();
    const note = await find(widget, '.jp-Catalyst-admin-group-editor');
    expect(note.textContent).toContain('synced from GitHub');
    expect(note.querySelector('.jp-Catalyst-admin-group-add')).toBeNull();
    buttonNamed(widget, 'View').click();
    await framePromise();
    buttonNamed(widget, 'Edit').click();
    await find(widget, '.jp-Catalyst-admin-properties');
    buttonNamed(widget, 'Save properties').click();
    await framePromise();
    expect(api.setGroupProperties).toHaveBeenCalledWith('cohort', {
      cpu_limit: 2
    });
  });

  it('offers no Delete for the group that makes Hub Champions, and says why', async () => {
    await find(widget, '[data-user="bea"]');
    buttonNamed(widget, 'Groups').click();
    const champions = await find(widget, '[data-group="hub-champions"]');
    const cohort = await find(widget, '[data-group="cohort"]');
    expect(cohort.textContent).toContain('Delete');
    expect(
      [...champions.querySelectorAll('button')].map(b => b.textContent)
    ).toEqual(['Edit']);
    expect(champions.textContent).toContain('gives the Hub Champion role');
    (champions.querySelector('button') as HTMLButtonElement).click();
    const editor = await find(widget, '.jp-Catalyst-admin-group-editor');
    expect(editor.textContent).toContain('lock them out of this console');
    expect(editor.querySelector('.jp-Catalyst-admin-group-add')).not.toBeNull();
    expect(api.deleteGroup).not.toHaveBeenCalled();
  });

  it('shows an empty audit log with what to do', async () => {
    await find(widget, '[data-user="bea"]');
    buttonNamed(widget, 'Audit log').click();
    const empty = await find(widget, '.jp-Catalyst-admin-empty');
    expect(empty.textContent).toContain('Nothing recorded yet');
  });

  it('names audited actions and outcomes in words and filters by a chosen action', async () => {
    api.listAudit.mockImplementation(async () => ({
      items: [
        {
          id: '1',
          at: '2026-11-20T10:00:00Z',
          actor: 'champion',
          action: 'server.stop',
          target: 'bea',
          outcome: 'ok',
          detail: {}
        },
        {
          id: '2',
          at: '2026-11-20T09:00:00Z',
          actor: 'champion',
          action: 'user.delete',
          target: 'root',
          outcome: 'refused',
          detail: {}
        }
      ],
      total: 2
    }));
    await find(widget, '[data-user="bea"]');
    buttonNamed(widget, 'Audit log').click();
    await find(widget, '.jp-Catalyst-admin-audit-row');
    const cells = [
      ...widget.node.querySelectorAll('.jp-Catalyst-admin-audit-row')
    ].map(row =>
      [...row.querySelectorAll('td')].slice(2).map(td => td.textContent)
    );
    expect(cells).toEqual([
      ['Stop server', 'bea', 'done'],
      ['Delete user', 'root', 'refused by the service']
    ]);
    const action = (await find(
      widget,
      '.jp-Catalyst-admin-audit-action'
    )) as HTMLSelectElement;
    action.value = 'server.stop';
    action.dispatchEvent(new Event('change', { bubbles: true }));
    await framePromise();
    expect(api.listAudit).toHaveBeenLastCalledWith(
      expect.objectContaining({ action: 'server.stop' })
    );
  });
});

describe('AdminConsoleWidget on an older hub', () => {
  it('hides the sort and the group properties the hub does not have', async () => {
    const api = fakeApi({
      sort: false,
      groupProperties: false,
      progress: true
    });
    const widget = new AdminConsoleWidget({
      api: api as unknown as AdminApi,
      trans,
      me: 'champion'
    });
    Widget.attach(widget, document.body);
    try {
      await find(widget, '.jp-Catalyst-admin-info');
      expect(widget.node.textContent).not.toContain('Most recently active');
      buttonNamed(widget, 'Groups').click();
      await find(widget, '[data-group="cohort"]');
      buttonNamed(widget, 'Edit').click();
      await find(widget, '.jp-Catalyst-admin-group-editor');
      expect(
        widget.node.querySelector('.jp-Catalyst-admin-properties')
      ).toBeNull();
    } finally {
      widget.dispose();
    }
  });
});
