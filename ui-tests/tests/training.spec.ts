/** A member follows "Your first Python notebook": real checks fail before the action, pass after, and resume after a reload. */
import { execSync } from 'node:child_process';

import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

import { expectAccessible } from './accessibility';
import { OUTAGE_TIMEOUT_MS, setRequestTimeout } from './client-timeout';
import { expect, logIn, test } from './hub';

/** The training panel, which the axe scans cover. */
const PANEL = '#jupyterlab-catalyst-training';

const TUTORIAL = 'first-python-notebook';

async function openTraining(page: IJupyterLabPageFixture) {
  await page.sidebar.openTab('jupyterlab-catalyst-training');
  const panel = page.locator('#jupyterlab-catalyst-training');
  await expect(panel).toBeVisible();
  return panel;
}

test.describe('Training panel', () => {
  test('member completes steps with real checks and resumes after a reload', async ({
    page
  }) => {
    // A long walk (a first spawn, four loads of JupyterLab, a kernel, three axe scans): on a busy
    // two-core machine it ran out of the default two minutes at its very last step.
    test.setTimeout(240_000);
    await logIn(page, 'member');
    let panel = await openTraining(page);
    // The catalogue comes from the service, not from the extension's fallback copy.
    await expect(
      panel.locator('.jp-Catalyst-training-entry').first()
    ).toBeVisible();
    await expect(panel.locator('.jp-Catalyst-training-note')).toHaveCount(0);

    const entry = panel.locator(
      `.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`
    );
    await expect(entry).toContainText('Your first Python notebook');
    await expect(entry).toContainText('0 of 6 steps done');
    await expectAccessible(page, 'catalogue', PANEL);
    await entry.getByRole('button', { name: /Open tutorial/ }).click();

    const step = panel.locator('.jp-Catalyst-training-step');
    const feedback = panel.locator('.jp-Catalyst-training-feedback');
    const check = panel.getByRole('button', { name: 'Check', exact: true });

    // Step 1: no notebook in front yet, so the check fails; after creating one it passes.
    await expect(step).toHaveAttribute('data-step', 'create-notebook');
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'failed');
    await expect(feedback).toContainText('Not yet');
    await expectAccessible(page, 'a failed check', PANEL);
    await page
      .locator('.jp-LauncherCard[data-category="Notebook"]')
      .first()
      .click();
    await expect(page.locator('.jp-NotebookPanel')).toBeVisible();
    await page.waitForSelector(
      '.jp-Notebook-ExecutionIndicator[data-status="idle"]'
    );
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
    await expect(panel.locator('.jp-Catalyst-training-save')).toHaveAttribute(
      'data-state',
      'saved'
    );

    // Reload mid-way: the panel reopens the tutorial at the same step, with earlier steps passed.
    await page.reload();
    panel = await openTraining(page);
    await expect(panel.locator('.jp-Catalyst-training-step')).toHaveAttribute(
      'data-step',
      'save-notebook'
    );
    await expect(
      panel.locator('.jp-Catalyst-training-steps li[data-status="passed"]')
    ).toHaveCount(3);
    await expect(panel.locator('.jp-Catalyst-training-save')).toHaveAttribute(
      'data-state',
      'saved'
    );

    // Back on the catalogue, the tutorial shows 3 of 6 steps done.
    await panel.getByRole('button', { name: '← All tutorials' }).click();
    await expect(
      panel.locator(`.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`)
    ).toContainText('3 of 6 steps done');

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
    const fresh = panel.locator(
      `.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`
    );
    await expect(fresh).toContainText('3 of 6 steps done');
    await fresh.getByRole('button', { name: /Open tutorial/ }).click();
    await expect(panel.locator('.jp-Catalyst-training-step')).toHaveAttribute(
      'data-step',
      'save-notebook'
    );

    // Stuck on this step: the ladder offers the hint first, and a note goes to the champions.
    await panel.getByRole('button', { name: "I'm stuck" }).click();
    await panel.getByRole('button', { name: 'Show a hint' }).click();
    await expect(panel.locator('.jp-Catalyst-training-hint')).toHaveCount(1);
    await panel
      .getByLabel(/what did you try/)
      .fill('I cannot find where to rename it');
    await panel
      .getByRole('button', { name: 'Send to the Hub Champions' })
      .click();
    await expect(
      panel.locator('.jp-Catalyst-training-helpStatus')
    ).toHaveAttribute('data-state', 'sent');
    await expectAccessible(page, "I'm stuck, with a hint and the note sent", PANEL);

    // "Show where" outlines the file browser, and Esc removes the outline.
    await panel.getByRole('button', { name: 'Show where' }).click();
    await expect(
      page.locator('#filebrowser.jp-Catalyst-highlight')
    ).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator('.jp-Catalyst-highlight')).toHaveCount(0);
    await page.sidebar.openTab('jupyterlab-catalyst-training');

    // The learner switches the tutorial to Spanish.
    await panel.getByLabel('Tutorial language').selectOption('es');
    await expect(panel.locator('.jp-Catalyst-training-step h4')).toHaveText(
      'Guárdalo con un nombre'
    );
  });

  // Runs after the member's test on the same hub: the champion sees that progress, and only hub users'.
  test("champion sees the hub's learners and where they are", async ({
    page
  }) => {
    await logIn(page, 'champion');
    const panel = await openTraining(page);
    const table = panel.locator(
      `.jp-Catalyst-training-cohortTable[data-tutorial="${TUTORIAL}"]`
    );
    await expect(table.locator('tr[data-user="member"]')).toContainText(
      '3 of 6'
    );
    // Nobody finished yet: the chart says so in words.
    await expect(
      panel.locator('.jp-Catalyst-training-chartEmpty').first()
    ).toContainText('Nobody has finished yet.');

    // The member's "I'm stuck" note is waiting, with its step; resolving it clears it.
    const help = panel.locator(
      '.jp-Catalyst-training-help li[data-user="member"]'
    );
    await expect(help).toContainText('I cannot find where to rename it');
    await expect(help).toContainText('save-notebook');

    // The CSV export holds one row per learner and step.
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) {
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'user,tutorial,version,step,status,attempts,hints_used,first_passed_at,updated_at'
    );
    expect(text).toMatch(
      /\r\nmember,first-python-notebook,2026\.11\.1,keep-a-value,passed,/
    );

    await expectAccessible(page, 'cohort view with a help request', PANEL);
    await help
      .getByRole('button', { name: /Mark the request of member resolved/ })
      .click();
    await expect(help).toHaveCount(0);
  });

  test('the R tutorial asks a real IRkernel, without touching its execution count', async ({
    page
  }) => {
    await logIn(page, 'community');
    const panel = await openTraining(page);
    await panel
      .locator('.jp-Catalyst-training-entry[data-tutorial="first-r-notebook"]')
      .getByRole('button', { name: /Open tutorial/ })
      .click();
    const step = panel.locator('.jp-Catalyst-training-step');
    const feedback = panel.locator('.jp-Catalyst-training-feedback');
    const check = panel.getByRole('button', { name: 'Check', exact: true });
    await expect(step).toHaveAttribute('data-step', 'create-r-notebook');

    // A Python notebook is not enough: the step has only an R expression.
    const launcherCard = (label: string) =>
      page.locator('.jp-LauncherCard[data-category="Notebook"]').filter({
        has: page.locator('.jp-LauncherCard-label', {
          hasText: new RegExp(`^${label}`)
        })
      });
    await launcherCard('Python 3').click();
    await page.waitForSelector(
      '.jp-Notebook-ExecutionIndicator[data-status="idle"]'
    );
    // The kernel may still be starting: check again until it answers (checks never change it).
    await expect(async () => {
      await check.click();
      await expect(feedback).toContainText('no check for a python kernel', {
        timeout: 3000
      });
    }).toPass({ timeout: 60_000 });
    await expect(feedback).toHaveAttribute('data-result', 'failed');

    await page.evaluate(async () => {
      // The launcher widget itself cannot travel back to the test.
      await window.jupyterapp.commands.execute('launcher:create');
    });
    await launcherCard('R').click();
    await expect(
      page
        .locator(
          '.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]'
        )
        .last()
    ).toBeVisible({
      timeout: 60_000
    });
    await expect(async () => {
      await check.click();
      await expect(feedback).toHaveAttribute('data-result', 'passed', {
        timeout: 5000
      });
    }).toPass({ timeout: 60_000 });
    await expect(feedback).toHaveAttribute('data-result', 'passed', {
      timeout: 20_000
    });

    await panel
      .getByRole('button', { name: /Keep values in a vector/ })
      .click();
    await expect(step).toHaveAttribute('data-step', 'make-a-vector');
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'failed');
    await expect(feedback).toContainText('FALSE');
    await page.notebook.setCell(0, 'code', 'heights <- c(150, 162, 171)');
    await page.notebook.runCell(0, true);
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'passed');
    await check.click();
    await expect(feedback).toHaveAttribute('data-result', 'passed');

    // Three checks ran in this kernel; the next cell still gets execution count 2, and the
    // probe left nothing behind in the learner's environment.
    await page.notebook.addCell('code', 'ls()');
    await page.notebook.runCell(1, true);
    const cell = page.locator('.jp-NotebookPanel:visible .jp-CodeCell').nth(1);
    await expect(cell.locator('.jp-InputPrompt')).toContainText('[2]');
    await expect(cell.locator('.jp-OutputArea-output')).toHaveText(
      /^'heights'$/
    );
  });
});

/** The pid of the process listening on `port` (the hub-managed service), from `ss`. */
function pidOnPort(port: number): number {
  const out = execSync(`ss -ltnpH 'sport = :${port}'`).toString();
  const match = /pid=(\d+)/.exec(out);
  if (!match) {
    throw new Error(`nothing listens on ${port}`);
  }
  return Number(match[1]);
}

test.describe('Training panel through an outage and in Spanish', () => {
  test('progress made while the service is frozen arrives when it returns', async ({
    page
  }) => {
    await logIn(page, 'coreteam');
    let panel = await openTraining(page);
    const entry = panel.locator(
      `.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`
    );
    await entry.getByRole('button', { name: /Open tutorial/ }).click();
    await page
      .locator('.jp-LauncherCard[data-category="Notebook"]')
      .first()
      .click();
    await page.waitForSelector(
      '.jp-Notebook-ExecutionIndicator[data-status="idle"]'
    );
    const save = panel.locator('.jp-Catalyst-training-save');
    await expect(save).toHaveAttribute('data-state', 'saved');

    // A real outage: the service process is stopped (SIGSTOP), so requests hang unanswered.
    // (Killing it would not do: JupyterHub restarts a managed service as soon as it exits.)
    const servicePort = Number(process.env.CATALYST_UI_HUB_PORT || 18400) + 90;
    await setRequestTimeout(page, OUTAGE_TIMEOUT_MS);
    const pid = pidOnPort(servicePort);
    process.kill(pid, 'SIGSTOP');
    try {
      await panel.getByRole('button', { name: 'Check', exact: true }).click();
      await expect(
        panel.locator('.jp-Catalyst-training-feedback')
      ).toHaveAttribute('data-result', 'passed');
      await expect(save).not.toHaveAttribute('data-state', 'saved');
      await expect(save).toHaveAttribute('data-state', 'waiting', {
        timeout: 60_000
      });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Back: the outbox sends on its next retry.
    await expect(save).toHaveAttribute('data-state', 'saved', {
      timeout: 90_000
    });
    await setRequestTimeout(page, null);

    // The service really has it: a fresh browser (no storage) sees the step passed.
    await page.evaluate(() => {
      for (const key of Object.keys(window.localStorage)) {
        if (key.startsWith('jupyterlab-catalyst:training:')) {
          window.localStorage.removeItem(key);
        }
      }
    });
    await page.reload();
    panel = await openTraining(page);
    await expect(
      panel.locator(`.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`)
    ).toContainText('1 of 6 steps done');
  });

  test('JupyterLab in Spanish shows the panel and tutorials in Spanish', async ({
    page
  }) => {
    // The same setting as Settings → Language → Spanish.
    // A user whose workspace has no notebook left open by an earlier test (no kernel dialogs).
    await logIn(page, 'champion', { language: 'es_ES' });
    const panel = await openTraining(page);
    await expect(panel.locator('.jp-Catalyst-title')).toHaveText(
      'Capacitación'
    );
    // The catalogue already follows JupyterLab's language.
    await expect(
      panel.locator(`.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`)
    ).toContainText('Tu primer notebook de Python');
    await panel
      .locator(`.jp-Catalyst-training-entry[data-tutorial="${TUTORIAL}"]`)
      .getByRole('button')
      .click();
    await expect(panel.locator('.jp-Catalyst-training-step h4')).toHaveText(
      'Crea un notebook'
    );
    await expect(panel.getByRole('combobox')).toHaveValue('es');
    await expectAccessible(page, 'a step in Spanish', PANEL);
  });
});
