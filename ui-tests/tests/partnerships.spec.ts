/** Partnerships through the real hub and service, on the demo seed (CATALYST_DEMO_SEED=1). */
import { expect, logIn, test } from './hub';

async function openPartnerships(page: Parameters<typeof logIn>[0]) {
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('catalyst:open-partnerships');
  });
  const view = page.locator('#jupyterlab-catalyst-partnerships');
  await expect(view).toBeVisible();
  return view;
}

function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
}

test.describe('Partnerships', () => {
  test('the Core Team renews a term and hands over a Hub Champion', async ({
    page
  }) => {
    await logIn(page, 'coreteam');
    const view = await openPartnerships(page);
    const rows = view.locator('tbody tr');
    await expect(rows.first()).toHaveAttribute('data-status', 'renewal-due');
    await view.getByRole('button', { name: 'Andes Genómica' }).click();
    const card = view.locator('.jp-Catalyst-partnerships-card');
    await expect(card.locator('h2')).toHaveText('Andes Genómica');
    await card.getByRole('button', { name: 'Renew term' }).click();
    await expect(card.getByRole('status')).toHaveText('Term renewed.');
    await card.getByLabel('New holder email').fill('new.champion@example.org');
    await card.getByLabel('From').fill(isoDay(1));
    await card.getByRole('button', { name: 'Hand over' }).click();
    await expect(card.getByRole('status')).toHaveText('Role handed over.');
    await expect(card).toContainText('new.champion@example.org');
  });

  test('the Core Team finds the due renewal reminder delivered and marks it read', async ({
    page
  }) => {
    await logIn(page, 'coreteam');
    const view = await openPartnerships(page);
    const inbox = view.locator('.jp-Catalyst-partnerships-inbox');
    // The demo's renewal-due community is inside 60 days of its end: delivered at start.
    const item = inbox.locator('li[data-kind="term-end-60"]', {
      hasText: 'kilimo-data'
    });
    await expect(item).toHaveAttribute('data-read', 'no');
    await expect(inbox.locator('h3')).toContainText('new)');
    await item.getByRole('button', { name: /^Mark as read/ }).click();
    await expect(item).toHaveAttribute('data-read', 'yes');
    await expect(inbox.locator('[aria-live]')).toHaveText('Marked as read.');
    // Read is kept by the service: a fresh view still shows it read.
    await page.reload();
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    await page.locator('#jp-main-dock-panel').waitFor();
    const again = await openPartnerships(page);
    await expect(
      again.locator(
        '.jp-Catalyst-partnerships-inbox li[data-kind="term-end-60"]',
        {
          hasText: 'kilimo-data'
        }
      )
    ).toHaveAttribute('data-read', 'yes');
  });

  test('a champion sees their own card in Spanish', async ({ page }) => {
    await logIn(page, 'champion', { language: 'es_ES' });
    const view = await openPartnerships(page);
    const card = view.locator('.jp-Catalyst-partnerships-card');
    await expect(card.locator('h2')).toHaveText('Andes Genómica');
    await expect(card).toContainText('Fechas');
    await expect(card).toContainText('Responsabilidades');
    await expect(view.locator('table')).toHaveCount(0);
    await expect(
      view.locator('.jp-Catalyst-partnerships-inbox h3')
    ).toContainText('Recordatorios para ti');
    await expect(
      view.getByRole('button', { name: 'Descargar mis datos (JSON)' })
    ).toBeVisible();
  });
});
