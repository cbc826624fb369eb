/** A Hub Champion in the training panel: every state passes axe in the dark theme too. */
import AxeBuilder from '@axe-core/playwright';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

import { expect, logIn, test } from './hub';

const DATA_EPISODE = 'hub-champion-5-data';

/** No serious or critical axe violation inside the training panel, in its current state. */
async function expectAccessible(page: IJupyterLabPageFixture, state: string) {
  const result = await new AxeBuilder({ page })
    .include('#jupyterlab-catalyst-training')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
  expect(bad, state).toEqual([]);
}

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

test.describe('Training panel for a Hub Champion', () => {
  test('every panel state passes axe in JupyterLab Dark', async ({ page }) => {
    await logIn(page, 'champion');
    await page.theme.setDarkTheme();
    try {
      await expect(page.locator('body')).toHaveAttribute(
        'data-jp-theme-name',
        'JupyterLab Dark'
      );
      const panel = await openTraining(page);
      await expect(
        panel.locator('.jp-Catalyst-training-entry').first()
      ).toBeVisible();
      await expectAccessible(page, 'catalogue, dark theme');

      await openShareStep(page);
      const check = panel.getByRole('button', { name: 'Check', exact: true });
      const feedback = panel.locator('.jp-Catalyst-training-feedback');
      await check.click();
      await expect(feedback).toHaveAttribute('data-result', 'failed');
      await expectAccessible(page, 'a failed check, dark theme');

      await panel.getByRole('button', { name: "I'm stuck" }).click();
      await panel.getByRole('button', { name: 'Show a hint' }).click();
      await expect(panel.locator('.jp-Catalyst-training-hint')).toHaveCount(1);
      await expectAccessible(page, "I'm stuck with a hint, dark theme");

      // A quiz step with a wrong answer's feedback.
      await panel.getByRole('button', { name: /Your home folder/ }).click();
      await panel.getByLabel('/tmp').check();
      await check.click();
      await expect(feedback).toHaveAttribute('data-result', 'failed');
      await expectAccessible(page, 'a wrong quiz answer, dark theme');

      // The cohort view now lists this champion's attempts, with its table and chart.
      await panel.getByRole('button', { name: '← All tutorials' }).click();
      await panel.getByRole('button', { name: 'Refresh' }).click();
      await expect(
        panel.locator(
          `.jp-Catalyst-training-cohortTable[data-tutorial="${DATA_EPISODE}"] tr[data-user="champion"]`
        )
      ).toContainText('0 of 5');
      await expectAccessible(page, 'cohort view, dark theme');
    } finally {
      await page.theme.setLightTheme();
    }
  });
});
