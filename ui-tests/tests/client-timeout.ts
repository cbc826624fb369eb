/** The client's `requestTimeoutMs` setting, shortened by the outage tests so a frozen service is given up on sooner. */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

/** The Catalyst client plugin (schema/client.json). */
const CLIENT = 'jupyterlab-catalyst:client';

/**
 * A shorter timeout while the service is frozen: each of the client's four attempts waits for it,
 * so the default 10 s makes the first round fail after ~41 s; the schema's floor is 1 s.
 */
export const OUTAGE_TIMEOUT_MS = 2000;

/**
 * Set the signed-in user's request timeout (`null`: back to the default), through the registry the
 * client listens to, so it applies at once; the setting outlives the test, so restore it after.
 */
export async function setRequestTimeout(
  page: IJupyterLabPageFixture,
  ms: number | null
): Promise<void> {
  await page.evaluate(
    async ({ plugin, value }) => {
      const registry = await window.galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      if (!registry) {
        throw new Error('no setting registry');
      }
      if (value === null) {
        await registry.remove(plugin, 'requestTimeoutMs');
      } else {
        await registry.set(plugin, 'requestTimeoutMs', value);
      }
    },
    { plugin: CLIENT, value: ms }
  );
}
