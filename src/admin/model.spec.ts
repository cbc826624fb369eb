import type { AdminApi, IAdminUser, IUserPage } from '../api/admin';
import { AdminConsoleModel } from './model';
import { mayShowConsole } from './shell';

function user(name: string): IAdminUser {
  return {
    name,
    admin: false,
    groups: [],
    servers: [
      {
        name: '',
        ready: false,
        pending: null,
        started: null,
        last_activity: null,
        url: ''
      }
    ],
    last_activity: null,
    created: null,
    training: null
  };
}

function page(names: string[], total = names.length): IUserPage {
  return { items: names.map(user), total, offset: 0, limit: 25 };
}

function fakeApi() {
  return {
    listUsers: jest.fn(async () => page(['ana', 'bea', 'cy'])),
    startServer: jest.fn(async () => ({})),
    stopServer: jest.fn(async (name: string) => {
      if (name === 'bea') {
        throw new Error('the hub answered 500');
      }
      return {};
    }),
    addMembers: jest.fn(async () => ({})),
    removeMembers: jest.fn(async () => ({})),
    deleteUser: jest.fn(async () => ({})),
    restartServer: jest.fn(async () => ({})),
    matchingNames: jest.fn(async () => ({
      names: ['ana', 'bea', 'champion', 'cy'],
      total: 4,
      truncated: false
    }))
  };
}

describe('AdminConsoleModel', () => {
  it('reads the first page and goes back to it when a filter changes', async () => {
    const api = fakeApi();
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    await model.setQuery({ offset: 25 });
    expect(model.query.offset).toBe(25);
    await model.setQuery({ nameFilter: 'an' });
    expect(model.query).toMatchObject({ nameFilter: 'an', offset: 0 });
    expect(api.listUsers).toHaveBeenLastCalledWith(
      expect.objectContaining({ nameFilter: 'an', offset: 0, sort: 'name' })
    );
    expect(model.page?.total).toBe(3);
    expect(model.loading).toBe(false);
  });

  it('keeps the newest answer when an older one arrives late', async () => {
    const api = fakeApi();
    let release: (p: IUserPage) => void = () => undefined;
    api.listUsers
      .mockImplementationOnce(
        () => new Promise<IUserPage>(resolve => (release = resolve))
      )
      .mockImplementationOnce(async () => page(['new']));
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    const slow = model.setQuery({ nameFilter: 'o' });
    await model.setQuery({ nameFilter: 'ne' });
    release(page(['old']));
    await slow;
    expect(model.page?.items.map(u => u.name)).toEqual(['new']);
  });

  it('shows a read failure as an error', async () => {
    const api = fakeApi();
    api.listUsers.mockRejectedValueOnce(new Error('service unreachable'));
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    await model.refresh();
    expect(model.error).toBe('service unreachable');
  });

  it('runs a bulk stop over the selection and reports each user', async () => {
    const api = fakeApi();
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    await model.refresh();
    model.toggleAll();
    expect(model.selected.size).toBe(3);
    const progress = await model.runBulk('stop');
    expect(api.stopServer).toHaveBeenCalledTimes(3);
    expect(progress.running).toBe(false);
    expect(progress.results).toHaveLength(3);
    expect(progress.results.find(r => r.user === 'bea')).toEqual({
      user: 'bea',
      ok: false,
      message: 'the hub answered 500'
    });
    expect(progress.results.filter(r => r.ok)).toHaveLength(2);
  });

  it('skips the users not yet started when a bulk action is cancelled', async () => {
    const api = fakeApi();
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    api.listUsers.mockResolvedValue(
      page(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])
    );
    await model.refresh();
    model.toggleAll();
    api.startServer.mockImplementation(async () => {
      model.cancelBulk();
      return {};
    });
    const progress = await model.runBulk('start');
    expect(progress.cancelled).toBe(true);
    // Cancelled during the first call: no further user is started.
    expect(api.startServer).toHaveBeenCalledTimes(1);
    expect(progress.results).toHaveLength(1);
    expect(progress.total).toBe(8);
  });

  it('adds the selection to a group in one call', async () => {
    const api = fakeApi();
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    await model.refresh();
    model.toggle('ana');
    model.toggle('cy');
    const progress = await model.runBulk('add-to-group', 'cohort');
    expect(api.addMembers).toHaveBeenCalledWith('cohort', ['ana', 'cy']);
    expect(progress.results.every(r => r.ok)).toBe(true);
  });

  it('drops from the selection users no longer on the page', async () => {
    const api = fakeApi();
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    await model.refresh();
    model.toggle('bea');
    api.listUsers.mockResolvedValueOnce(page(['ana']));
    await model.refresh();
    expect(model.selected.size).toBe(0);
  });
});

describe('AdminConsoleModel on all that match', () => {
  it('a new filter goes back to the first page and is sent to the service', async () => {
    const api = fakeApi();
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    await model.setQuery({ offset: 50 });
    await model.setQuery({ inactiveDays: 30, admin: 'no', group: 'cohort' });
    expect(api.listUsers).toHaveBeenLastCalledWith(
      expect.objectContaining({
        inactiveDays: 30,
        admin: 'no',
        group: 'cohort',
        offset: 0
      })
    );
  });

  it('asks the service for every matching name, and skips the champion for a bulk stop', async () => {
    const api = fakeApi();
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    await model.setQuery({ nameFilter: 'a' });
    const { names, total } = await model.bulkUsers('matching');
    expect(api.matchingNames).toHaveBeenCalledWith(
      expect.objectContaining({ nameFilter: 'a' })
    );
    expect(total).toBe(4);
    const progress = await model.runBulk('stop', '', names, 'champion');
    expect(progress.total).toBe(3);
    expect(api.stopServer.mock.calls.map(c => c[0]).sort()).toEqual([
      'ana',
      'bea',
      'cy'
    ]);
    expect(progress.results.filter(r => !r.ok).map(r => r.user)).toEqual([
      'bea'
    ]);
  });

  it('removes from a group in chunks of 500 and deletes one user at a time', async () => {
    const api = fakeApi();
    const model = new AdminConsoleModel(api as unknown as AdminApi);
    const many = Array.from({ length: 1201 }, (_, i) => `u${i}`);
    const removal = await model.runBulk('remove-from-group', 'cohort', many);
    expect(api.removeMembers).toHaveBeenCalledTimes(3);
    expect(removal.results).toHaveLength(1201);
    const deletion = await model.runBulk(
      'delete',
      '',
      ['ana', 'champion'],
      'champion'
    );
    expect(api.deleteUser).toHaveBeenCalledTimes(1);
    expect(deletion.results).toEqual([{ user: 'ana', ok: true, message: '' }]);
  });
});

describe('mayShowConsole', () => {
  it('shows only to Hub Champions on their own server', () => {
    expect(mayShowConsole(['member', 'hub-champion'], 'ch', 'ch')).toBe(true);
    expect(mayShowConsole(['member'], 'ch', 'ch')).toBe(false);
    expect(mayShowConsole(undefined, 'ch', 'ch')).toBe(false);
    expect(mayShowConsole(['hub-champion'], 'ch', 'alice')).toBe(false);
    expect(mayShowConsole(['hub-champion'], '', '')).toBe(true);
  });
});

describe('AdminConsoleModel polling', () => {
  it('reads the page again while a server is pending, and stops when disposed', async () => {
    jest.useFakeTimers();
    try {
      const api = fakeApi();
      const pending = page(['ana']);
      (pending.items[0] as IAdminUser).servers[0]!.pending = 'spawn';
      api.listUsers.mockResolvedValueOnce(pending);
      const model = new AdminConsoleModel(api as unknown as AdminApi);
      await model.refresh();
      expect(api.listUsers).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(AdminConsoleModel.POLL_MS);
      expect(api.listUsers).toHaveBeenCalledTimes(2);
      model.dispose();
      jest.advanceTimersByTime(10 * AdminConsoleModel.POLL_MS);
      expect(api.listUsers).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
