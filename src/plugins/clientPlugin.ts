import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator } from '@jupyterlab/translation';

// eslint-disable-next-line jupyter/prefer-lazy-imports -- dependents need the client at once
import { CatalystClient } from '../api/client';
import { resolveServiceUrl } from '../api/serviceUrl';
import { ICatalystClient } from '../tokens';

/** The plugin id; its settings live in schema/client.json. */
const PLUGIN_ID = 'jupyterlab-catalyst:client';

/** Provides the Catalyst service client, configured from the settings and the hub. */
export const clientPlugin: JupyterFrontEndPlugin<ICatalystClient> = {
  id: PLUGIN_ID,
  description:
    'Provides the client of the Catalyst companion service (session exchange, retries, connection state).',
  autoStart: true,
  requires: [ITranslator],
  optional: [ISettingRegistry],
  provides: ICatalystClient,
  activate: activateClient
};

/** Read the settings once (they are already fetched at start) and build the client. */
async function activateClient(
  app: JupyterFrontEnd,
  translator: ITranslator,
  settingRegistry: ISettingRegistry | null
): Promise<ICatalystClient> {
  const hub = {
    hubHost: PageConfig.getOption('hubHost'),
    hubPrefix: PageConfig.getOption('hubPrefix')
  };
  let settings: ISettingRegistry.ISettings | null = null;
  if (settingRegistry) {
    try {
      settings = await settingRegistry.load(PLUGIN_ID);
    } catch (reason) {
      console.error(
        'Failed to load settings for jupyterlab-catalyst:client.',
        reason
      );
    }
  }
  const read = (s: ISettingRegistry.ISettings | null) => ({
    baseUrl: resolveServiceUrl(
      (s?.get('serviceUrl').composite as string) ?? '',
      hub
    ),
    timeoutMs:
      (s?.get('requestTimeoutMs').composite as number) ??
      CatalystClient.DEFAULT_TIMEOUT_MS
  });
  const client = new CatalystClient({
    ...read(settings),
    pageToken: () => PageConfig.getToken(),
    // The service stores the UI language, so its messages and e-mails can follow it.
    language: translator.languageCode
  });
  settings?.changed.connect(changed => client.configure(read(changed)));
  return client;
}
