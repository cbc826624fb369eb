/** A member follows "Your first Python notebook": real checks fail before the action, pass after, and resume after a reload. */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

import { expect, logIn, test } from './hub';

const TUTORIAL = 'first-python-notebook';

async function openTraining(page: IJupyterLabPageFixture) {
  await page.sidebar.openTab('jupyterlab-catalyst-training');
  const panel = page.locator('#jupyterlab-catalyst-training');
  await expect(panel).toBeVisible();
  return panel;
}

test.describe('Training panel', () => {
  test('member completes steps with real checks and resumes after a reload', async ({ page }) => {
    await logIn(page, 'member');
    let panel = await openTraining(page);
    // The catalogue comes from the service, not from the extension's fallback copy.
    await expect(panel.locator('.jp-Catalyst-training-entry').first()).toBeVisible();
    await expect(panel.locator('.jp-Catalyst-training-note')).toHaveCount(0);

    const entry = panel.locator(`.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`);
    await expect(entry).toContainText('Your first Python notebook');
    await expect(entry).toContainText('0 of 6 steps done');
    await entry.getByRole('button', { name: /Open tutorial/ }).click();

    const step = panel.locator('.jp-Catalyst-training-step');
    const feedback = panel.locator('.jp-Catalyst-training-feedback');
    const check = panel.getByRole('button', { name: 'Check', exact: true });

    // Step 1: no notebook in front yet, so the check fails; after creating one it passes.
    await expect(step).toHaveAttribute('data-step', 'create-notebook');
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'failed');
    await expect(feedback).toContainText('Not yet');
    await page.locator('.jp-LauncherCard[data-category="Notebook"]').first().click();
    await expect(page.locator('.jp-NotebookPanel')).toBeVisible();
    await page.waitForSelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]');
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'passed');

    // Step 2: the cell has not run, then it has, with the expected output.
    await panel.getByRole('button', { name: 'Next' }).click();
    await expect(step).toHaveAttribute('data-step', 'run-cell');
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'failed');
    await page.notebook.setCell(0, 'code', 'print("Hello, Catalyst")');
    await page.notebook.runCell(0, true);
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'passed');

    // Step 3: the kernel is asked through user_expressions; no value yet, then 42.
    await panel.getByRole('button', { name: 'Next' }).click();
    await expect(step).toHaveAttribute('data-step', 'keep-a-value');
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'failed');
    await expect(feedback).toContainText('False');
    await page.notebook.addCell('code', 'answer = 6 * 7');
    await page.notebook.runCell(1, true);
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'passed');

    await panel.getByRole('button', { name: 'Next' }).click();
    await expect(step).toHaveAttribute('data-step', 'save-notebook');
    await expect(panel.locator('.jp-Catalyst-training-save')).toHaveAttribute('data-state', 'saved');

    // Reload mid-way: the panel reopens the tutorial at the same step, with earlier steps passed.
    await page.reload();
    panel = await openTraining(page);
    await expect(panel.locator('.jp-Catalyst-training-step')).toHaveAttribute('data-step', 'save-notebook');
    await expect(panel.locator('.jp-Catalyst-training-steps li[data-status="passed"]')).toHaveCount(3);
    await expect(panel.locator('.jp-Catalyst-training-save')).toHaveAttribute('data-state', 'saved');

    // Back on the catalogue, the tutorial shows 3 of 6 steps done.
    await panel.getByRole('button', { name: '← All tutorials' }).click();
    await expect(panel.locator(`.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`)).toContainText(
      '3 of 6 steps done'
    );

    // Another device (no browser storage): the service's progress resumes at the first open step.
    await page.evaluate(() => {
      for (const key of Object.keys(window.localStorage)) {
        if (key.startsWith('jupyterlab-catalyst:training:')) {
          window.localStorage.removeItem(key);
        }
      }
    });
    await page.reload();
    panel = await openTraining(page);
    const fresh = panel.locator(`.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`);
    await expect(fresh).toContainText('3 of 6 steps done');
    await fresh.getByRole('button', { name: /Open tutorial/ }).click();
    await expect(panel.locator('.jp-Catalyst-training-step')).toHaveAttribute('data-step', 'save-notebook');

    // The learner switches the tutorial to Spanish.
    await panel.getByLabel('Tutorial language').selectOption('es');
    await expect(panel.locator('.jp-Catalyst-training-step h4')).toHaveText('Guárdalo con un nombre');
  });

  // Runs after the member's test on the same hub: the champion sees that progress, and only hub users'.
  test("champion sees the hub's learners and where they are", async ({ page }) => {
    await logIn(page, 'champion');
    const panel = await openTraining(page);
    const table = panel.locator(`.jp-Catalyst-training-cohortTable[data-tutorial="${TUTORIAL}"]`);
    await expect(table.locator('tr[data-user="member"]')).toContainText('3 of 6');
  });
});
