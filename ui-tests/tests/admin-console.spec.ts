/** A Hub Champion manages the real hub from the Hub admin console; a member never sees it. */
import { expect, logIn, openCatalystPanel, test } from './hub';

const CONSOLE = 'jupyterlab-catalyst-admin';

test.describe('Hub admin console', () => {
  test('a member does not see the console', async ({ page }) => {
    await logIn(page, 'member');
    const panel = await openCatalystPanel(page);
    // The roles are known once the session is open; only then is the console's absence meaningful.
    await expect(panel.locator('.jp-Catalyst-status')).toHaveAttribute(
      'data-state',
      'connected'
    );
    await expect(
      page.locator(`.jp-SideBar [data-id="${CONSOLE}"]`)
    ).toHaveCount(0);
  });

  test('a champion finds a user, stops their server, bulk-adds users and sees the audit', async ({
    page
  }) => {
    await logIn(page, 'champion');
    await page.sidebar.openTab(CONSOLE);
    // The console is a wide table: give the sidebar room, as a champion would.
    await page.sidebar.setWidth(640);
    const admin = page.locator(`#${CONSOLE}`);
    await expect(admin.locator('.jp-Catalyst-admin-info')).toContainText(
      'JupyterHub 5.4'
    );

    // Find the member; start their server from the console if the previous test did not leave it running.
    await admin.locator('.jp-Catalyst-admin-search').fill('memb');
    const row = admin.locator('tr[data-user="member"]');
    await expect(row).toHaveCount(1);
    await expect(admin.locator('.jp-Catalyst-admin-total')).toHaveText(
      '1–1 of 1 users'
    );
    const stop = row.getByRole('button', { name: 'Stop' });
    if (!(await stop.isVisible())) {
      await row.getByRole('button', { name: 'Start' }).click();
    }
    await expect(row.locator('.jp-Catalyst-admin-state')).toHaveText(
      'running',
      { timeout: 90_000 }
    );
    await stop.click();
    await expect(row.locator('.jp-Catalyst-admin-state')).toHaveText(
      'stopped',
      { timeout: 60_000 }
    );

    // Paste three names, preview, then add them.
    await admin.getByRole('button', { name: 'Add users' }).click();
    await admin
      .locator('.jp-Catalyst-admin-names')
      .fill('ui-ana\nui-ben\nui-cleo');
    await admin.getByRole('button', { name: 'Preview' }).click();
    await expect(
      admin.locator('.jp-Catalyst-admin-preview li[data-status="new"]')
    ).toHaveCount(3);
    await admin.getByRole('button', { name: 'Add 3 users' }).click();
    await expect(admin.locator('.jp-Catalyst-admin-added')).toContainText(
      '3 users added.'
    );
    await admin.locator('.jp-Catalyst-admin-search').fill('ui-');
    await expect(admin.locator('.jp-Catalyst-admin-total')).toHaveText(
      '1–3 of 3 users'
    );

    // The audit view lists what was done.
    await admin.getByRole('tab', { name: 'Audit log' }).click();
    const rows = admin.locator('.jp-Catalyst-admin-audit-row');
    await expect(
      rows.filter({ hasText: 'server.stop' }).filter({ hasText: 'member' })
    ).toHaveCount(1);
    await expect(rows.filter({ hasText: 'user.create' })).toHaveCount(3);
  });

  test('the console speaks Spanish when JupyterLab does', async ({ page }) => {
    await logIn(page, 'champion', { language: 'es_ES' });
    await page.sidebar.openTab(CONSOLE);
    await page.sidebar.setWidth(640);
    const admin = page.locator(`#${CONSOLE}`);
    await expect(
      admin.getByRole('heading', { name: 'Administración del hub' })
    ).toBeVisible();
    await expect(
      admin.getByRole('tab', { name: 'Registro de auditoría' })
    ).toBeVisible();
    await admin.getByRole('button', { name: 'Añadir usuarios' }).click();
    await admin
      .locator('.jp-Catalyst-admin-names')
      .fill('ui-dora\nui-dora\nmal nombre');
    await admin.getByRole('button', { name: 'Vista previa' }).click();
    const preview = admin.locator('.jp-Catalyst-admin-preview');
    await expect(preview.locator('li[data-status="new"]')).toHaveText(
      'ui-dora: se añadirá'
    );
    await expect(preview.locator('li[data-status="duplicate"]')).toHaveText(
      'ui-dora: duplicado'
    );
    await expect(preview.locator('li[data-status="invalid"]')).toHaveText(
      'mal nombre: nombre no válido'
    );
    await admin.getByRole('button', { name: 'Añadir 1 usuario' }).click();
    await expect(admin.locator('.jp-Catalyst-admin-added')).toContainText(
      '1 usuario añadido.'
    );
  });
});
