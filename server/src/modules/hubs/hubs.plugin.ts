/** Checks at start that this instance's hub is registered (or registers it) and exposes the hubs repository. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ConfigError, type Config } from '../../config.js';
import {
  createHubsRepository,
  type HubsRepository
} from './hubs.repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    hubsRepository: HubsRepository;
  }
}

/** Whether this instance writes its own hub row: always, never, or only on the embedded database. */
export function registersOwnHub(
  config: Pick<Config, 'registerHub'>,
  store: 'pglite' | 'postgres'
): boolean {
  return (
    config.registerHub === 'always' ||
    (config.registerHub === 'auto' && store === 'pglite')
  );
}

/** The start-up refusal for a hub id the database does not know, saying how to register it. */
export function unregisteredHubError(hubId: string): ConfigError {
  return new ConfigError(
    'CATALYST_HUB_ID',
    `"${hubId}" is not a hub registered in the database. Register it once with ` +
      `\`catalyst-server hubs register --id ${hubId} --url <hub URL> --community <slug> --languages en,es\` ` +
      '(same DATABASE_URL), or set CATALYST_REGISTER_HUB=1 to let this instance register it.'
  );
}

async function hubsPlugin(
  app: FastifyInstance,
  { config }: { config: Config }
): Promise<void> {
  const hubs = createHubsRepository(app.db);
  const own = registersOwnHub(config, app.database.store)
    ? await hubs.register({
        id: config.hubId,
        name: config.hubName,
        url: config.hubPublicUrl,
        communityId: config.hubCommunity,
        languages: config.hubLanguages
      })
    : await hubs.findById(config.hubId);
  if (!own) throw unregisteredHubError(config.hubId);
  app.log.info(
    { hub: own.id, name: own.name, community: own.community_id },
    'serving hub'
  );
  app.decorate('hubsRepository', hubs);
}

export default fp(hubsPlugin, {
  name: 'hubs',
  dependencies: ['database'],
  fastify: '5.x'
});
