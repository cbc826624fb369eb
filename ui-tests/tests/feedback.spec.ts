/** Governance feedback through the real hub and service: a submission survives a real outage of the service. */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

import { expectAccessible } from './accessibility';
import { OUTAGE_TIMEOUT_MS, setRequestTimeout } from './client-timeout';
import { expect, logIn, openCatalystPanel, runFromPalette, test } from './hub';

/** The feedback widget, which the axe scans cover. */
const WIDGET = '#jupyterlab-catalyst-feedback';

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

/** The feedback widget once its form shows. */
async function openedWidget(page: IJupyterLabPageFixture) {
  const widget = page.locator(WIDGET);
  await expect(widget.locator('.jp-Catalyst-feedback-form')).toBeVisible();
  return widget;
}

/** Open the feedback widget from the status bar. */
async function openFromStatusBar(page: IJupyterLabPageFixture) {
  await page.locator('.jp-Catalyst-feedback-statusItem').click();
  return openedWidget(page);
}

/** Open the feedback widget from the command palette, by its label in the page's language. */
async function openFromPalette(page: IJupyterLabPageFixture, label: string) {
  await expect(page.locator(WIDGET)).toHaveCount(0);
  await runFromPalette(page, label);
  return openedWidget(page);
}

/** Open the feedback widget from its button among the Catalyst panel's tools. */
async function openFromCatalystPanel(page: IJupyterLabPageFixture, label: string) {
  await expect(page.locator(WIDGET)).toHaveCount(0);
  const panel = await openCatalystPanel(page);
  await panel.getByRole('button', { name: label, exact: true }).click();
  return openedWidget(page);
}

/** The command's label, in the palette and the Catalyst panel. */
const COMMAND_LABEL = 'Send Feedback to the Catalyst Core Team';

/** Fill the form with the keyboard-reachable controls. */
async function fillForm(widget: ReturnType<IJupyterLabPageFixture['locator']>, title: string, body: string) {
  await widget.locator('#jp-Catalyst-feedback-target').selectOption('topic:governance');
  await widget.locator('#jp-Catalyst-feedback-title').fill(title);
  await widget.locator('#jp-Catalyst-feedback-body').fill(body);
}

test.describe.serial('Feedback', () => {
  test('a submission made while the service is stopped arrives once and shows as sent', async ({ page }) => {
    test.setTimeout(300_000);
    await logIn(page, 'member');
    const widget = await openFromPalette(page, COMMAND_LABEL);
    await expectAccessible(page, 'the new feedback form', WIDGET);
    const title = `Sent during an outage ${RUN}`;
    await fillForm(widget, title, 'The service was stopped when I pressed Send.');

    // A real outage: the service process is frozen, so connections hang as on a dead network.
    await setRequestTimeout(page, OUTAGE_TIMEOUT_MS);
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
    await setRequestTimeout(page, null);

    // Every timed-out attempt reached the frozen service and ran when it woke: still exactly one item.
    await widget.locator('[data-tab="mine"]').click();
    await expect(widget.locator('.jp-Catalyst-feedback-mine')).toBeVisible();
    await expect(widget.locator('.jp-Catalyst-feedback-item', { hasText: title })).toHaveCount(1);
  });
});

/** Send what the form holds and wait until the service has it. */
async function send(widget: ReturnType<IJupyterLabPageFixture['locator']>, title: string) {
  await widget.getByRole('button', { name: 'Send feedback', exact: true }).click();
  await expect(widget.locator('.jp-Catalyst-feedback-entry', { hasText: title })).toHaveAttribute(
    'data-state',
    'sent'
  );
}

/** What an injected script or event handler would have set. */
function pwned(page: IJupyterLabPageFixture) {
  return page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
}

/** `scope` shows `title` and `body` as the very characters typed, with no element made from them. */
async function expectLiteral(
  scope: ReturnType<IJupyterLabPageFixture['locator']>,
  titleSelector: string
) {
  await expect(scope.locator(titleSelector)).toHaveText(HOSTILE_TITLE);
  await expect(scope.locator('.jp-Catalyst-feedback-body').first()).toHaveText(HOSTILE_BODY);
  await expect(scope.locator('img, script, b, i, a[href]')).toHaveCount(0);
}

/** Markup and script in a title and a body. */
const HOSTILE_TITLE = `<img src=x onerror="window.__pwned=1"> <b>bold</b> ${RUN}`;
const HOSTILE_BODY =
  '<script>window.__pwned=2</script> <a href="javascript:window.__pwned=3">link</a> <i>markup</i>';

test.describe.serial('Feedback followed and answered', () => {
  const anonymousTitle = `An idea sent without my name ${RUN}`;
  const declinedTitle = `Translate the hub guide into Quechua ${RUN}`;
  const response = 'Not this year: the translation budget is spent. We will ask again in the 2027 consultation.';

  test('an anonymous item is followed by its receipt code and never shows its author', async ({ page }) => {
    await logIn(page, 'member');
    const widget = await openFromStatusBar(page);
    await fillForm(widget, anonymousTitle, 'Nobody should be able to tell who wrote this.');
    await widget.getByLabel('Send anonymously').check();
    await send(widget, anonymousTitle);
    const code = widget.locator('.jp-Catalyst-feedback-receiptCode');
    await expect(code).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const receipt = (await code.textContent()) as string;
    // Two identified items for the Core Team: one to decline, one full of markup.
    await fillForm(widget, declinedTitle, 'Many in our community read Quechua better than Spanish.');
    await send(widget, declinedTitle);
    await fillForm(widget, HOSTILE_TITLE, HOSTILE_BODY);
    await send(widget, HOSTILE_TITLE);

    // As on another device: this browser forgets the receipt it kept (the list reads it from storage),
    // and only the code typed in finds the item.
    await page.evaluate(() => localStorage.removeItem('jupyterlab-catalyst:feedback:member:receipts'));
    await widget.locator('[data-tab="mine"]').click();
    const mine = widget.locator('.jp-Catalyst-feedback-mine');
    await expect(mine.locator('.jp-Catalyst-feedback-item', { hasText: declinedTitle })).toBeVisible();
    const anonymous = mine.locator('.jp-Catalyst-feedback-item', { hasText: anonymousTitle });
    await expect(anonymous).toHaveCount(0);
    await mine.getByLabel('Follow an anonymous item by its receipt code').fill(receipt);
    await mine.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect(widget.locator('.jp-Catalyst-feedback-status')).toHaveText(
      'Found: your anonymous item is listed below.'
    );
    await expect(anonymous).toHaveCount(1);
    await expect(anonymous).toContainText('Anonymous');
    await expect(anonymous.locator('code')).toHaveText(receipt);
    await expect(anonymous).not.toContainText('member');

    const hostile = mine.locator('.jp-Catalyst-feedback-item', { hasText: RUN }).filter({ hasText: '<img' });
    await expectLiteral(hostile, '.jp-Catalyst-feedback-itemTitle');
    expect(await pwned(page)).toBeUndefined();
  });

  test('the Core Team triages safely: markup stays text, axe passes, and a decline carries a response', async ({
    page
  }) => {
    await logIn(page, 'coreteam');
    const widget = await openFromCatalystPanel(page, COMMAND_LABEL);
    await widget.locator('[data-tab="triage"]').click();
    const triage = widget.locator('.jp-Catalyst-feedback-triage');
    const row = (title: string) => triage.locator('tbody tr', { hasText: title });
    await expect(row(declinedTitle)).toBeVisible();
    await expect(row(anonymousTitle).locator('td').last()).toHaveText('Anonymous');
    await expect(row(declinedTitle).locator('td').last()).toHaveText('member');
    await expect(row(HOSTILE_TITLE).getByRole('button')).toHaveText(HOSTILE_TITLE);
    await expect(triage.locator('img, script, b, i, a[href]')).toHaveCount(0);
    await expectAccessible(page, 'the triage table', WIDGET);

    await row(HOSTILE_TITLE).getByRole('button').click();
    const detail = widget.locator('.jp-Catalyst-feedback-detail');
    await expectLiteral(detail, 'h3');
    await expectAccessible(page, 'an item with markup in its title', WIDGET);
    await detail.getByRole('button', { name: '← All items' }).click();

    await row(declinedTitle).getByRole('button').click();
    await expect(detail.locator('h3')).toHaveText(declinedTitle);
    await detail.getByRole('button', { name: 'Move to Declined…' }).click();
    const confirm = detail.getByRole('button', { name: 'Confirm: Declined' });
    await expect(confirm).toBeDisabled();
    await detail.locator('.jp-Catalyst-feedback-responseInput').fill(response);
    await confirm.click();
    await expect(widget.locator('.jp-Catalyst-feedback-status')).toHaveText('Moved to Declined.');
    await expect(detail.locator('.jp-Catalyst-feedback-state')).toHaveAttribute('data-state', 'declined');
    await expect(detail.locator('.jp-Catalyst-feedback-response[data-status="published"]')).toContainText(
      response
    );
    expect(await pwned(page)).toBeUndefined();
  });

  test('the author sees the decline and its response in Spanish', async ({ page }) => {
    await logIn(page, 'member', { language: 'es_ES' });
    // The decline is news for her: the status bar says so before she opens anything.
    const status = page.locator('.jp-Catalyst-feedback-statusItem');
    await expect(status).toHaveText('Aportes: 1 respuesta nueva');
    const widget = await openFromStatusBar(page);
    await expect(widget.getByRole('tab', { name: 'Mis aportes (1 novedad)' })).toBeVisible();
    await widget.getByRole('tab', { name: 'Mis aportes' }).click();
    const item = widget.locator('.jp-Catalyst-feedback-mine .jp-Catalyst-feedback-item', {
      hasText: declinedTitle
    });
    await expect(item.locator('.jp-Catalyst-feedback-state')).toHaveText('Rechazado');
    await expect(item).toHaveAttribute('data-new', 'true');
    await expect(item.locator('.jp-Catalyst-feedback-new')).toHaveText('Respuesta o decisión nueva');
    // Seen: the count is gone, and stays gone after a reload (the service keeps the marker).
    await expect(status).toHaveText('Aportes');
    await page.reload();
    await expect(page.locator('.jp-Catalyst-feedback-statusItem')).toHaveText('Aportes');
    await openFromPalette(page, 'Enviar un aporte al Equipo Central de Catalyst');
    await widget.getByRole('tab', { name: 'Mis aportes' }).click();
    await expect(item.locator('.jp-Catalyst-feedback-state')).toHaveText('Rechazado');
    await expect(item).not.toHaveAttribute('data-new', 'true');
    const responses = item.getByRole('region', { name: 'Respuestas del Equipo Central' });
    await expect(responses).toContainText('Respuesta del Equipo Central');
    await expect(responses.locator('.jp-Catalyst-feedback-body')).toHaveText(response);
    await expect(item.getByRole('button', { name: 'Retirar' })).toHaveCount(0);

    const hostile = widget
      .locator('.jp-Catalyst-feedback-mine .jp-Catalyst-feedback-item', { hasText: RUN })
      .filter({ hasText: '<img' });
    await expectLiteral(hostile, '.jp-Catalyst-feedback-itemTitle');
    expect(await pwned(page)).toBeUndefined();

    // Her data: the download holds her signed items and nothing of the anonymous one.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      widget.getByRole('button', { name: 'Descargar mis datos (JSON)' }).click()
    ]);
    const data = JSON.parse(await readFile(await file.path(), 'utf8')) as {
      user: string;
      items: { title: string }[];
    };
    expect(data.user).toBe('member');
    const titles = data.items.map(i => i.title);
    expect(titles).toEqual(expect.arrayContaining([declinedTitle, HOSTILE_TITLE]));
    expect(titles).not.toContain(anonymousTitle);
    // Erased, kept for the community as "former participant": no longer hers.
    await widget.getByLabel('se quedan para la comunidad, firmados como “antiguo participante”').check();
    await widget.getByRole('button', { name: 'Borrar mis datos…' }).click();
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Borrar', exact: true }).click();
    await expect(widget.locator('.jp-Catalyst-feedback-status')).toHaveText(
      `Borrado: ${titles.length} aportes, 0 apoyos, 0 denuncias.`
    );
    await expect(item).toHaveCount(0);
    await expect(hostile).toHaveCount(0);
  });
});
