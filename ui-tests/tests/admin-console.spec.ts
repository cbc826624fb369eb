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
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Stop their server' })
      .click();
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
      rows.filter({ hasText: 'Stop server' }).filter({ hasText: 'member' })
    ).toHaveCount(1);
    await expect(rows.filter({ hasText: 'Add user' })).toHaveCount(3);
  });

  test('in Spanish, a champion finds a user, stops their server after confirming, bulk-adds users and sees the audit', async ({
    page
  }, testInfo) => {
    const started = Date.now();
    await logIn(page, 'champion', { language: 'es_ES' });
    await page.sidebar.openTab(CONSOLE);
    await page.sidebar.setWidth(640);
    const admin = page.locator(`#${CONSOLE}`);
    await expect(
      admin.getByRole('heading', { name: 'Administración del hub' })
    ).toBeVisible();

    // Find the member by part of their name; start their server if no earlier test left it running.
    await admin.getByLabel('Buscar').fill('memb');
    await expect(admin.locator('.jp-Catalyst-admin-total')).toHaveText(
      '1–1 de 1 usuarios'
    );
    const row = admin.locator('tr[data-user="member"]');
    const state = row.locator('.jp-Catalyst-admin-state');
    await expect(state).toHaveText(/^(en marcha|detenido)$/);
    if ((await state.textContent()) === 'detenido') {
      // Exact: "Iniciar" is also part of "Reiniciar".
      await row.getByRole('button', { name: 'Iniciar', exact: true }).click();
    }
    await expect(state).toHaveText('en marcha', { timeout: 90_000 });
    // With a server filter the hub itself answers the listing (the service's user index does not).
    await admin
      .locator('.jp-Catalyst-admin-filter-state')
      .selectOption({ label: 'Servidor activo' });
    await expect(state).toHaveText('en marcha');

    // Stopping asks first, in Spanish; then the hub no longer counts the member's server as active.
    await row.getByRole('button', { name: 'Detener', exact: true }).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('¿Detener el servidor de member?');
    await expect(dialog).toContainText(
      'se pierden sus kernels y los cambios sin guardar'
    );
    await dialog.getByRole('button', { name: 'Detener su servidor' }).click();
    await expect(admin.locator('.jp-Catalyst-admin-empty')).toHaveText(
      'Ningún usuario coincide con estos filtros. Quita los filtros para ver a todos.',
      { timeout: 60_000 }
    );
    await admin.getByRole('button', { name: 'Quitar filtros' }).click();

    // Paste three names (plus a duplicate and an invalid one) into a new group; a retry uses fresh names.
    const prefix = `ui-es${testInfo.retry || ''}-`;
    const group = `${prefix}cohorte`;
    await admin.getByRole('button', { name: 'Añadir usuarios' }).click();
    const form = admin.locator('.jp-Catalyst-admin-add');
    await form
      .getByLabel('Nombres de usuario, uno por línea')
      .fill(
        ['ana', 'ben', 'cleo', 'ana'].map(n => prefix + n).join('\n') +
          '\nmal nombre'
      );
    await form.getByLabel('Añadirlos también al grupo (opcional)').fill(group);
    await form.getByRole('button', { name: 'Vista previa' }).click();
    const preview = form.locator('.jp-Catalyst-admin-preview');
    await expect(preview.locator('li[data-status="new"]')).toHaveText(
      ['ana', 'ben', 'cleo'].map(n => `${prefix}${n}: se añadirá`)
    );
    await expect(preview.locator('li[data-status="duplicate"]')).toHaveText(
      `${prefix}ana: duplicado`
    );
    await expect(preview.locator('li[data-status="invalid"]')).toHaveText(
      'mal nombre: nombre no válido'
    );
    await expect(preview).toContainText(`Se creará el grupo ${group}.`);

    // The form with its preview, in the dark theme, has no serious axe violation.
    await page.theme.setDarkTheme();
    await expectAccessible(
      page,
      'add users preview, dark theme, Spanish',
      `#${CONSOLE} .jp-Catalyst-admin-add`
    );
    await page.theme.setLightTheme();

    await form.getByRole('button', { name: 'Añadir 3 usuarios' }).click();
    await expect(form.locator('.jp-Catalyst-admin-added')).toHaveText(
      `3 usuarios añadidos. 3 ahora en el grupo ${group}.`
    );
    // The groups tab lists the hub's own groups: the new one really holds the three users.
    await admin.getByRole('tab', { name: 'Grupos' }).click();
    await expect(
      admin.locator(`tr[data-group="${group}"] td:nth-child(2)`)
    ).toHaveText('3');

    // The audit log, in Spanish, records the stop and the three users added.
    await admin.getByRole('tab', { name: 'Registro de auditoría' }).click();
    const audit = admin.locator('.jp-Catalyst-admin-audit');
    await expect(audit.locator('th')).toHaveText([
      'Cuándo',
      'Quién',
      'Acción',
      'Objetivo',
      'Resultado'
    ]);
    const rows = audit.locator('.jp-Catalyst-admin-audit-row');
    await expect(
      rows.filter({ hasText: 'Añadir usuario' }).filter({ hasText: prefix })
    ).toHaveCount(3);
    // Filtered to stops, the newest is this test's stop of the member's server, which the hub accepted.
    await audit
      .getByLabel('Acción')
      .selectOption({ label: 'Detener servidor' });
    await expect(rows.first().locator('td')).toHaveText([
      /.+/,
      'champion',
      'Detener servidor',
      'member',
      'hecho'
    ]);
    const at = await rows.first().locator('td').first().getAttribute('title');
    expect(Date.parse(at ?? '')).toBeGreaterThanOrEqual(started);
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
    await expectAccessible(
      page,
      'groups tab with the editor open',
      `#${CONSOLE}`
    );

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
