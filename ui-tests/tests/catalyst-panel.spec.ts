/** A hub user opens the Catalyst panel and sees who they are, through the real hub and service. */
import { expect, labUrl, logIn, openCatalystPanel, test } from './hub';

test.describe('Catalyst panel', () => {
  test('member logs in, opens the panel and is greeted by name', async ({ page }) => {
    await logIn(page, 'member');
    const panel = await openCatalystPanel(page);
    await expect(panel.locator('.jp-Catalyst-status')).toHaveAttribute('data-state', 'connected');
    await expect(panel.locator('.jp-Catalyst-greeting')).toContainText('member');
    await expect(panel.locator('.jp-Catalyst-roles li')).toHaveCount(1);
    await expect(panel.locator('.jp-Catalyst-roles li[data-role="member"]')).toBeVisible();
    // Tools follow the role: training for everyone, the admin console for Hub Champions only.
    await expect(panel.locator('.jp-Catalyst-tool[data-command="catalyst:open-training"]')).toBeVisible();
    await expect(panel.locator('.jp-Catalyst-tool[data-command="catalyst:open-admin-console"]')).toHaveCount(0);
  });

  test('champion sees the Hub Champion role', async ({ page }) => {
    await logIn(page, 'champion');
    const panel = await openCatalystPanel(page);
    await expect(panel.locator('.jp-Catalyst-greeting')).toContainText('champion');
    await expect(panel.locator('.jp-Catalyst-roles li[data-role="hub-champion"]')).toHaveText('Hub Champion');
    await panel.locator('.jp-Catalyst-tool[data-command="catalyst:open-admin-console"]').click();
    await expect(page.locator('#jupyterlab-catalyst-admin')).toBeVisible();
  });

  test('switching JupyterLab to Spanish switches the panel', async ({ page }) => {
    await logIn(page, 'community');
    await page.menu.clickMenuItem('Settings>Language>Spanish (Spain) - Español (España)');
    await page.getByRole('button', { name: 'Change and reload' }).click();
    await page.waitForEvent('load');
    await page.goto(labUrl('community'));
    const panel = await openCatalystPanel(page);
    await expect(panel.locator('.jp-Catalyst-roles li[data-role="community-champion"]')).toHaveText('Referente de la Comunidad');
    await expect(panel.locator('.jp-Catalyst-greeting')).toContainText('Hola');
  });
});
