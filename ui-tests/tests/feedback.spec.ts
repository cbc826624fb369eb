/** Governance feedback through the real hub and service: a submission survives a real outage of the service. */
import { execFileSync } from 'node:child_process';

import AxeBuilder from '@axe-core/playwright';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

import { expect, logIn, test } from './hub';

/** The hub-managed service listens on the hub port + 90 (ui-tests/start-hub.sh). */
const SERVICE_PORT = Number(process.env.CATALYST_UI_HUB_PORT || 18400) + 90;

/** A suffix that makes this run's titles unique. */
const RUN = Date.now().toString(36);

/** The pid of the process listening on the service port. */
function servicePid(): number {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${SERVICE_PORT}`], { encoding: 'utf8' });
  const match = /pid=(\d+)/.exec(out);
  if (!match) {
    throw new Error(`Nothing listens on port ${SERVICE_PORT}: ${out}`);
  }
  return Number(match[1]);
}

/** Open the feedback widget from the status bar. */
async function openFromStatusBar(page: IJupyterLabPageFixture) {
  await page.locator('.jp-Catalyst-feedback-statusItem').click();
  const widget = page.locator('#jupyterlab-catalyst-feedback');
  await expect(widget.locator('.jp-Catalyst-feedback-form')).toBeVisible();
  return widget;
}

/** Fill the form with the keyboard-reachable controls. */
async function fillForm(widget: ReturnType<IJupyterLabPageFixture['locator']>, title: string, body: string) {
  await widget.locator('#jp-Catalyst-feedback-target').selectOption('topic:governance');
  await widget.locator('#jp-Catalyst-feedback-title').fill(title);
  await widget.locator('#jp-Catalyst-feedback-body').fill(body);
}

/** No serious or critical axe violation inside the feedback widget. */
async function expectAccessible(page: IJupyterLabPageFixture) {
  const result = await new AxeBuilder({ page })
    .include('#jupyterlab-catalyst-feedback')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

test.describe.serial('Feedback', () => {
  test('a submission made while the service is stopped arrives once and shows as sent', async ({ page }) => {
    test.setTimeout(300_000);
    await logIn(page, 'member');
    const widget = await openFromStatusBar(page);
    await expectAccessible(page);
    const title = `Sent during an outage ${RUN}`;
    await fillForm(widget, title, 'The service was stopped when I pressed Send.');

    // A real outage: the service process is frozen, so connections hang as on a dead network.
    const pid = servicePid();
    process.kill(pid, 'SIGSTOP');
    try {
      await widget.getByRole('button', { name: 'Send feedback', exact: true }).click();
      const entry = widget.locator('.jp-Catalyst-feedback-entry', { hasText: title });
      await expect(entry).toHaveAttribute('data-state', 'queued');
      await expect(entry).toContainText('Queued');
      await expect(page.locator('.jp-Catalyst-feedback-statusItem')).toHaveText('Feedback: 1 waiting');
      // The first round of attempts times out; the outbox says when it tries again.
      await expect(widget.locator('.jp-Catalyst-feedback-outbox')).toContainText('next try at', {
        timeout: 120_000
      });
      await expect(entry).toHaveAttribute('data-state', 'queued');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const entry = widget.locator('.jp-Catalyst-feedback-entry', { hasText: title });
    await expect(entry).toHaveAttribute('data-state', 'sent', { timeout: 90_000 });
    await expect(entry.locator('.jp-Catalyst-feedback-delivery')).toHaveText('Sent');
    await expect(page.locator('.jp-Catalyst-feedback-statusItem')).toHaveText('Feedback');

    // Every timed-out attempt reached the frozen service and ran when it woke: still exactly one item.
    await widget.locator('[data-tab="mine"]').click();
    await expect(widget.locator('.jp-Catalyst-feedback-mine')).toBeVisible();
    await expect(widget.locator('.jp-Catalyst-feedback-item', { hasText: title })).toHaveCount(1);
  });
});
