import { TranslationManager, nullTranslator } from '@jupyterlab/translation';
import { framePromise } from '@jupyterlab/testing';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';

import { FakeModel } from '../testing/fakeModel';
import { me } from '../testing/fakeFetch';
import { CommandIDs } from '../commands';
import { CatalystPanel } from './CatalystPanel';

/** Wait until React has rendered something matching `selector` in the panel. */
async function find(panel: Widget, selector: string): Promise<HTMLElement> {
  for (let i = 0; i < 50; i++) {
    const found = panel.node.querySelector<HTMLElement>(selector);
    if (found) {
      return found;
    }
    await framePromise();
  }
  throw new Error(`Nothing matches ${selector}`);
}

/** Let React apply pending updates. */
async function settle(): Promise<void> {
  await framePromise();
  await framePromise();
}

describe('jupyterlab-catalyst', () => {
  describe('CatalystPanel', () => {
    let model: FakeModel;
    let panel: CatalystPanel;

    beforeEach(() => {
      model = new FakeModel();
      panel = new CatalystPanel({ model, translator: nullTranslator });
      Widget.attach(panel, document.body);
    });

    afterEach(() => {
      panel.dispose();
    });

    it('should have the stable id, an icon and a caption', () => {
      expect(panel.id).toBe('jupyterlab-catalyst-panel');
      expect(panel.title.icon).toBeTruthy();
      expect(panel.title.caption).toBe('Catalyst');
    });

    it('should show a loading state before the first session', async () => {
      const loading = await find(panel, '.jp-Catalyst-loading');

      expect(loading.textContent).toBe('Loading your Catalyst profile…');
      expect(panel.node.querySelector('.jp-Catalyst-greeting')).toBeNull();
      const status = await find(panel, '.jp-Catalyst-status');
      expect(status.dataset.state).toBe('connecting');
    });

    it('should greet the user, list their roles and name the hub', async () => {
      model.set({
        me: {
          ...me({ name: 'ana' }),
          roles: ['hub-champion', 'member', 'core-team']
        },
        state: 'connected'
      });

      const greeting = await find(panel, '.jp-Catalyst-greeting');

      expect(greeting.textContent).toBe('Hello, ana');
      const roles = Array.from(
        panel.node.querySelectorAll<HTMLLIElement>('.jp-Catalyst-roles li')
      );
      expect(roles.map(li => [li.dataset.role, li.textContent])).toEqual([
        ['member', 'Member'],
        ['hub-champion', 'Hub Champion'],
        ['core-team', 'Core Team']
      ]);
      expect(panel.node.querySelector('.jp-Catalyst-hub')?.textContent).toBe(
        'Hub: Hub A'
      );
      expect(panel.node.querySelector('.jp-Catalyst-loading')).toBeNull();
    });

    it('should keep a heading hierarchy and a polite live status region', async () => {
      model.set({ me: me(), state: 'connected' });
      await find(panel, '.jp-Catalyst-greeting');

      expect(panel.node.querySelectorAll('h2')).toHaveLength(1);
      const headings = Array.from(panel.node.querySelectorAll('h3')).map(
        h => h.textContent
      );
      expect(headings).toEqual(['Your roles', 'Service', 'Your tools']);
      const status = panel.node.querySelector('.jp-Catalyst-status')!;
      expect(status.getAttribute('role')).toBe('status');
      expect(status.getAttribute('aria-live')).toBe('polite');
      expect(status.textContent).toContain('Connected');
    });

    it.each([
      ['offline', 'Offline', true],
      ['unreachable', 'Service unreachable', true],
      ['unauthorized', 'Not signed in', true],
      ['not-configured', 'Not configured', false],
      ['connected', 'Connected', false]
    ] as const)(
      'should show the %s state as "%s" (Retry offered: %s)',
      async (state, text, retry) => {
        model.set({ state, lastError: state === 'connected' ? '' : 'boom' });
        await settle();

        const status = await find(
          panel,
          `.jp-Catalyst-status[data-state="${state}"]`
        );

        expect(
          status.querySelector('.jp-Catalyst-statusText')?.textContent
        ).toBe(text);
        expect(
          panel.node.querySelector('button.jp-Catalyst-retry') !== null
        ).toBe(retry);
      }
    );

    it('should show the last error as a detail', async () => {
      model.set({ state: 'unreachable', lastError: 'Hub is down' });

      const detail = await find(panel, '.jp-Catalyst-statusDetail');

      expect(detail.textContent).toBe('Details: Hub is down');
    });

    it('should call refresh when Retry is pressed', async () => {
      model.set({ state: 'offline' });
      const button = (await find(
        panel,
        'button.jp-Catalyst-retry'
      )) as HTMLButtonElement;

      expect(button.type).toBe('button');
      expect(button.textContent).toBe('Retry');
      button.click();

      expect(model.refresh).toHaveBeenCalledTimes(1);
    });

    it('should offer no tools without commands', async () => {
      await find(panel, '.jp-Catalyst-toolList');

      expect(panel.node.querySelectorAll('.jp-Catalyst-tool')).toHaveLength(0);
    });

    it('should render in Spanish when JupyterLab runs in Spanish', async () => {
      const manager = new TranslationManager('', undefined, undefined, {
        fetch: async () => ({
          data: {
            jupyterlab_catalyst: {
              '': {
                language: 'es',
                plural_forms: 'nplurals=2; plural=(n != 1);'
              },
              'Hello, %1': ['Hola, %1'],
              'Hub Champion': ['Referente del Hub']
            }
          },
          message: ''
        })
      } as unknown as ConstructorParameters<typeof TranslationManager>[3]);
      await manager.fetch('es_ES');
      const spanish = new CatalystPanel({ model, translator: manager });
      Widget.attach(spanish, document.body);
      model.set({
        me: { ...me({ name: 'ana' }), roles: ['hub-champion'] },
        state: 'connected'
      });

      const greeting = await find(spanish, '.jp-Catalyst-greeting');

      expect(greeting.textContent).toBe('Hola, ana');
      expect(
        spanish.node.querySelector('[data-role="hub-champion"]')?.textContent
      ).toBe('Referente del Hub');
      spanish.dispose();
    });
  });
  describe('CatalystPanel tools', () => {
    it('should offer the tools whose commands are visible to the user and open them', async () => {
      const commands = new CommandRegistry();
      const opened: string[] = [];
      const tool = (id: string, label: string, visible: boolean) =>
        commands.addCommand(id, {
          label,
          caption: `${label} caption`,
          isVisible: () => visible,
          execute: () => void opened.push(id)
        });
      tool(CommandIDs.openTraining, 'Training', true);
      tool(CommandIDs.openAdminConsole, 'Hub admin', false);
      const model = new FakeModel();
      const panel = new CatalystPanel({
        model,
        translator: nullTranslator,
        commands
      });
      Widget.attach(panel, document.body);
      try {
        model.set({ me: me(), state: 'connected' });
        await find(panel, '.jp-Catalyst-tool');
        // A tool registered later (another plugin) appears without a reload.
        tool(CommandIDs.openPartnerships, 'Partnerships', true);
        await settle();
        const buttons = Array.from(
          panel.node.querySelectorAll<HTMLButtonElement>('.jp-Catalyst-tool')
        );
        expect(buttons.map(b => b.textContent)).toEqual([
          'Training',
          'Partnerships'
        ]);
        buttons[0].click();
        await settle();
        expect(opened).toEqual([CommandIDs.openTraining]);
      } finally {
        panel.dispose();
      }
    });
  });
});
