/** A Hub Champion manages the real hub from the Hub admin console; a member never sees it. */
import { expectAccessible } from './accessibility';
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

  test('a champion imports a CSV into a group, filters by it, acts on all that match and edits the group, with no serious axe violation', async ({
    page
  }, testInfo) => {
    await logIn(page, 'champion');
    await page.sidebar.openTab(CONSOLE);
    await page.sidebar.setWidth(640);
    const admin = page.locator(`#${CONSOLE}`);
    await expect(admin.locator('.jp-Catalyst-admin-totals')).toContainText(
      'Running servers'
    );
    await expect(admin.locator('tr[data-user="champion"]')).toHaveCount(1);
    await expectAccessible(page, 'users tab', `#${CONSOLE}`);

    // A CSV with a header: the names come from its "username" column.
    await admin.getByRole('button', { name: 'Add users' }).click();
    await admin.locator('.jp-Catalyst-admin-csv').setInputFiles({
      name: 'cohort.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Full name,username\r\n"Csv, Ana",ui-csv-ana\r\nCsv Ben,ui-csv-ben\r\n'
      )
    });
    await expect(admin.locator('.jp-Catalyst-admin-imported')).toHaveText(
      '2 names read from the column “username” of cohort.csv.'
    );
    await admin.locator('.jp-Catalyst-admin-group').fill('ui-csv-cohort');
    await admin.getByRole('button', { name: 'Preview' }).click();
    await expect(
      admin.locator('.jp-Catalyst-admin-preview li[data-status="new"]')
    ).toHaveCount(2);
    await expectAccessible(page, 'add users preview', `#${CONSOLE}`);
    await admin.getByRole('button', { name: 'Add 2 users' }).click();
    await expect(admin.locator('.jp-Catalyst-admin-added')).toContainText(
      '2 users added.'
    );
    await admin.getByRole('button', { name: 'Close' }).click();

    // Filter by the new group, then remove everyone matching from it.
    await admin
      .locator('.jp-Catalyst-admin-filter-group')
      .selectOption('ui-csv-cohort');
    await expect(admin.locator('.jp-Catalyst-admin-total')).toHaveText(
      '1–2 of 2 users'
    );
    await expect(admin.locator('.jp-Catalyst-admin-bulk-whom')).toHaveText(
      'All 2 matching the filters'
    );
    await admin.getByLabel('Group for the bulk action').fill('ui-csv-cohort');
    await admin.getByRole('button', { name: 'Remove from group' }).click();
    await expect(admin.locator('.jp-Catalyst-admin-bulk')).toContainText(
      'Remove from group for 2 users, group ui-csv-cohort?'
    );
    await expectAccessible(page, 'bulk confirmation', `#${CONSOLE}`);
    await admin.getByRole('button', { name: 'Go ahead' }).click();
    await expect(admin.locator('.jp-Catalyst-admin-progress')).toContainText(
      'Done: 2 succeeded, 0 failed, 0 skipped.'
    );
    await expect(admin.locator('.jp-Catalyst-admin-empty')).toContainText(
      'No user matches these filters'
    );
    await admin.getByRole('button', { name: 'Dismiss' }).click();
    await admin.getByRole('button', { name: 'Clear filters' }).click();

    // The group is now empty; give it a typed property.
    await admin.getByRole('tab', { name: 'Groups' }).click();
    const group = admin.locator('tr[data-group="ui-csv-cohort"]');
    await expect(group).toContainText('0');
    // The group that makes Hub Champions cannot be deleted from here: no Delete button, and why.
    const champions = admin.locator('tr[data-group="hub-champions"]');
    await expect(champions).toContainText('gives the Hub Champion role');
    await expect(champions.getByRole('button')).toHaveText(['Edit']);
    await expect(group.getByRole('button', { name: 'Delete' })).toBeVisible();
    await group.getByRole('button', { name: 'Edit' }).click();
    await admin.getByRole('button', { name: 'Add property' }).click();
    await admin.getByLabel('Property name').fill('cpu_limit');
    await admin.getByLabel('Type of cpu_limit').selectOption('number');
    await admin.getByLabel('Value of cpu_limit').fill('2');
    await admin.getByRole('button', { name: 'Save properties' }).click();
    await expect(admin.locator('.jp-Catalyst-admin-status')).toHaveText(
      'The properties of ui-csv-cohort were saved.'
    );
    await expectAccessible(page, 'groups tab with the editor open', `#${CONSOLE}`);

    // The dark theme uses the same --jp-* variables: the console follows it.
    await page.theme.setDarkTheme();
    await expect(admin).toHaveCSS(
      'background-color',
      /rgb\((\d{1,2}), (\d{1,2}), (\d{1,2})\)/
    );
    await testInfo.attach('admin-console-dark', {
      body: await admin.screenshot(),
      contentType: 'image/png'
    });
    await admin.screenshot({ path: testInfo.outputPath('admin-dark.png') });
    await expectAccessible(page, 'groups tab, dark theme', `#${CONSOLE}`);
    await page.theme.setLightTheme();

    // Delete both users at once: the typed confirmation wants their number.
    await admin.getByRole('tab', { name: 'Users' }).click();
    await admin.locator('.jp-Catalyst-admin-search').fill('ui-csv-');
    await expect(admin.locator('.jp-Catalyst-admin-total')).toHaveText(
      '1–2 of 2 users'
    );
    await admin.getByRole('button', { name: 'Delete users' }).click();
    await admin.getByLabel('Type the number of users to confirm').fill('2');
    await admin
      .locator('.jp-Catalyst-admin-bulk')
      .getByRole('button', { name: 'Delete users' })
      .last()
      .click();
    await expect(admin.locator('.jp-Catalyst-admin-progress')).toContainText(
      'Done: 2 succeeded, 0 failed, 0 skipped.'
    );
    await expect(admin.locator('.jp-Catalyst-admin-empty')).toContainText(
      'No user matches these filters'
    );
  });
});
