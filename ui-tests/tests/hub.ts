/** Galata's test, set up for JupyterLab behind a real JupyterHub: log in through the hub's own form. */
import {
  expect,
  test as base,
  type IJupyterLabPageFixture
} from '@jupyterlab/galata';

export const PASSWORD = process.env.CATALYST_DEMO_PASSWORD || 'catalyst';

export const test = base.extend({
  // Options set here, not with a top-level test.use in this shared module: that would reach only the
  // first spec file that imports it. Galata's user mock answers every */api/me, including the service's;
  // settings and state stay real because the tests run against real servers.
  autoGoto: false,
  mockUser: false,
  mockSettings: false,
  mockState: false,
  // Kernels, sessions and terminals need no mock: not routing them through galata's request proxy lets
  // the browser reach the server directly, instead of on proxied connections the server may have
  // closed (ECONNRESET).
  kernels: null,
  sessions: null,
  terminals: null,
  // Galata's temporary folder goes through the contents API at the hub's root; the hub has none.
  tmpPath: async ({}, use) => {
    await use('');
  },
  // Galata waits for a tab labelled "Launcher", which is "Lanzador" in Spanish: wait for the shell.
  waitForApplication: async ({}, use) => {
    await use(async page => {
      await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
      await page.locator('#jp-main-dock-panel').waitFor();
    });
  }
});

/** JupyterLab's language setting. */
const LANGUAGE_PLUGIN = '@jupyterlab/translation-extension:plugin';

/**
 * Log in as `user` with the hub's login form and wait until their JupyterLab is ready, in `language`
 * (JupyterLab's locale, default English): the setting outlives a test, so each test states its own.
 */
export async function logIn(
  page: IJupyterLabPageFixture,
  user: string,
  { language = 'en' }: { language?: string } = {}
): Promise<void> {
  const hub = test.info().project.use.baseURL;
  // Galata's own goto expects JupyterLab; the login form is the hub's, so navigate the frame itself.
  await page.mainFrame().goto(`${hub}/hub/login`);
  await page.locator('#username_input').fill(user);
  await page.locator('#password_input').fill(PASSWORD);
  await page.locator('#login_submit').click();
  // The hub spawns a real JupyterLab server, then redirects to it. Only the redirect matters: the
  // page is loaded again just below, so letting this first load finish would load JupyterLab twice.
  await page.waitForURL(new RegExp(`^${hub}/user/${user}/lab`), {
    timeout: 90_000,
    waitUntil: 'commit'
  });
  // Load it through galata so that its helpers hook into the page.
  await page.goto(labUrl(user));
  const changed = await page.evaluate(
    async ({ plugin, locale }) => {
      const settings = window.jupyterapp.serviceManager.settings;
      // The server answers the user's settings parsed (`settings`); `raw` may be the commented
      // default template for a user who never saved them, which JSON.parse refuses.
      const fetched = (await settings.fetch(plugin)) as unknown as {
        settings?: { locale?: string };
      };
      if (fetched.settings?.locale === locale) {
        return false;
      }
      await settings.save(plugin, JSON.stringify({ locale }));
      return true;
    },
    { plugin: LANGUAGE_PLUGIN, locale: language }
  );
  if (changed) {
    await page.goto(labUrl(user));
  }
}

/** The URL of `user`'s JupyterLab on the test hub. */
export function labUrl(user: string): string {
  return `${test.info().project.use.baseURL}/user/${user}/lab`;
}

/** Open the Catalyst side panel from its tab in the left sidebar. */
export async function openCatalystPanel(page: IJupyterLabPageFixture) {
  await page.sidebar.openTab('jupyterlab-catalyst-panel');
  const panel = page.locator('#jupyterlab-catalyst-panel');
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * Run a command as a person does from the command palette: Ctrl+Shift+C, type its label, Enter.
 * The palette is modal and closes when it loses the focus, and JupyterLab moves the focus to its
 * current widget once the layout is restored (to a new Launcher only after the file browser has
 * listed the home folder, about 1.5 s after the splash goes): a palette opened before that closed
 * again at once, which is why it "did not open". So wait until the shell has taken the focus.
 */
export async function runFromPalette(
  page: IJupyterLabPageFixture,
  label: string
): Promise<void> {
  await page.waitForFunction(() => document.activeElement !== document.body);
  await page.keyboard.press('Control+Shift+C');
  const palette = page.locator('#modal-command-palette');
  const input = palette.locator('.lm-CommandPalette-input');
  await expect(input).toBeFocused();
  await input.pressSequentially(label);
  // What Enter will run: the best match, which must be the command asked for.
  await expect(
    palette.locator(
      '.lm-CommandPalette-item.lm-mod-active .lm-CommandPalette-itemLabel'
    )
  ).toHaveText(label);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

export { expect };
