/** The axe scan every UI test runs on the extension's widgets, with colour contrast really measured. */
import AxeBuilder from '@axe-core/playwright';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

import { expect } from './hub';

/** The WCAG 2.1 A and AA rules. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** No serious or critical axe violation inside `scope` (a CSS selector) in the page's state named `state`. */
export async function expectAccessible(
  page: IJupyterLabPageFixture,
  state: string,
  scope: string
): Promise<void> {
  // JupyterLab's body is 0 px high (the shell is positioned absolutely) and clips its overflow, so
  // axe takes every text as hidden and skips its colour contrast: give the body the window's height
  // for the scan only, so that the page the test goes on with is JupyterLab's own.
  const fix = await page.addStyleTag({ content: 'html, body { height: 100%; }' });
  let result;
  try {
    result = await new AxeBuilder({ page }).include(scope).withTags(TAGS).analyze();
  } finally {
    await fix.evaluate(style => (style as HTMLStyleElement).remove());
  }
  const bad = result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe violations in ${state}`).toEqual([]);
}
