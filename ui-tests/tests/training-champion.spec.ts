/** A Hub Champion in the training panel, in the dark theme: a file uploaded through the file browser verifies its step, and every state passes axe. */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

import { expectAccessible } from './accessibility';
import { expect, logIn, test } from './hub';

/** The training panel, which the axe scans cover. */
const PANEL = '#jupyterlab-catalyst-training';

const DATA_EPISODE = 'hub-champion-5-data';
const SHARED = 'shared-readwrite';

async function openTraining(page: IJupyterLabPageFixture) {
  await page.sidebar.openTab('jupyterlab-catalyst-training');
  const panel = page.locator('#jupyterlab-catalyst-training');
  await expect(panel).toBeVisible();
  return panel;
}

/** Open the data episode at its "Share a file with everyone" step. */
async function openShareStep(page: IJupyterLabPageFixture) {
  const panel = await openTraining(page);
  await panel
    .locator(`.jp-Catalyst-training-entry[data-tutorial="${DATA_EPISODE}"]`)
    .getByRole('button', { name: /Open tutorial/ })
    .click();
  await panel
    .getByRole('button', { name: /Share a file with everyone/ })
    .click();
  await expect(panel.locator('.jp-Catalyst-training-step')).toHaveAttribute(
    'data-step',
    'share-a-file'
  );
  return panel;
}

// One login for both concerns: each extra test costs a JupyterLab load on the shared CI machine.
test.describe('Training panel for a Hub Champion', () => {
  // No kernel or terminal is opened here: let the browser reach the server directly instead of
  // through galata's request proxy, whose reused connections the server may have closed (ECONNRESET).
  test.use({ kernels: null, sessions: null, terminals: null });

  test('in JupyterLab Dark, a file uploaded with the file browser verifies its step, after a reload too, and every state passes axe', async ({
    page
  }) => {
    // A long walk: a login, a reload, three checks and four axe scans on a shared machine.
    test.setTimeout(240_000);
    await logIn(page, 'champion');
    // A retried run starts from no shared folder again.
    if (await page.contents.directoryExists(SHARED)) {
      await page.contents.deleteDirectory(SHARED);
    }
    await page.theme.setDarkTheme();
    try {
      await expect(page.locator('body')).toHaveAttribute(
        'data-jp-theme-name',
        'JupyterLab Dark'
      );
      let panel = await openTraining(page);
      await expect(
        panel.locator('.jp-Catalyst-training-entry').first()
      ).toBeVisible();

      await openShareStep(page);
      const check = panel.getByRole('button', { name: 'Check', exact: true });
      const feedback = panel.locator('.jp-Catalyst-training-feedback');
      await check.click();
      await expect(feedback).toHaveAttribute('data-result', 'failed');
      await expect(feedback).toContainText(`${SHARED}/welcome.md`);

      await panel.getByRole('button', { name: "I'm stuck" }).click();
      await panel.getByRole('button', { name: 'Show a hint' }).click();
      await expect(panel.locator('.jp-Catalyst-training-hint')).toHaveCount(1);
      await expectAccessible(
        page,
        "a failed check and I'm stuck with a hint, dark theme",
        PANEL
      );

      // The folder, made with the file browser's New Folder button and named in place.
      await page.sidebar.openTab('filebrowser');
      const browser = page.locator('#filebrowser');
      await browser
        .locator(
          '.jp-ToolbarButtonComponent[data-command="filebrowser:create-new-directory"]'
        )
        .click();
      const nameEditor = browser.locator('.jp-DirListing-editor');
      await nameEditor.fill(SHARED);
      await nameEditor.press('Enter');
      await browser
        .locator('.jp-DirListing-item', { hasText: SHARED })
        .dblclick();
      await expect(browser.locator('.jp-BreadCrumbs')).toContainText(SHARED);

      // The file, chosen in the dialog that the Upload button opens (its input is never
      // attached to the page, so the file chooser is the way in).
      const chooser = page.waitForEvent('filechooser');
      await browser.locator('.jp-id-upload .jp-ToolbarButtonComponent').click();
      await (
        await chooser
      ).setFiles({
        name: 'welcome.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from('# Welcome to our community hub\n')
      });
      await expect(
        browser.locator('.jp-DirListing-item', { hasText: 'welcome.md' })
      ).toBeVisible();

      await page.sidebar.openTab('jupyterlab-catalyst-training');
      await check.click();
      await expect(feedback).toHaveAttribute('data-result', 'passed');
      await expect(
        panel.locator('.jp-Catalyst-training-save')
      ).toHaveAttribute('data-state', 'saved');
      await expectAccessible(page, 'a passed check, dark theme', PANEL);

      // A quiz step with a wrong answer's feedback.
      await panel.getByRole('button', { name: /Your home folder/ }).click();
      await panel.getByLabel('/tmp').check();
      await check.click();
      await expect(feedback).toHaveAttribute('data-result', 'failed');
      await expectAccessible(page, 'a wrong quiz answer, dark theme', PANEL);

      // Reloaded with no browser storage: the service alone says the step passed.
      await page.evaluate(() => {
        for (const key of Object.keys(window.localStorage)) {
          if (key.startsWith('jupyterlab-catalyst:training:')) {
            window.localStorage.removeItem(key);
          }
        }
      });
      await page.reload();
      panel = await openTraining(page);
      const entry = panel.locator(
        `.jp-Catalyst-training-entry[data-tutorial="${DATA_EPISODE}"]`
      );
      await expect(entry).toContainText('1 of 5 steps done');
      // The cohort view lists this champion's own progress, with its table and chart.
      await expect(
        panel.locator(
          `.jp-Catalyst-training-cohortTable[data-tutorial="${DATA_EPISODE}"] tr[data-user="champion"]`
        )
      ).toContainText('1 of 5');
      await expectAccessible(page, 'catalogue and cohort view, dark theme', PANEL);
      await openShareStep(page);
      await expect(
        panel.locator('.jp-Catalyst-training-steps li[data-status="passed"]')
      ).toHaveText([/Share a file with everyone/]);
    } finally {
      await page.theme.setLightTheme();
    }
  });
});
