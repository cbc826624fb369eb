/** Registers this instance's own hub row at start and exposes the hubs repository. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import {
  createHubsRepository,
  type HubsRepository
} from './hubs.repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    hubsRepository: HubsRepository;
  }
}

async function hubsPlugin(
  app: FastifyInstance,
  { config }: { config: Config }
): Promise<void> {
  const hubs = createHubsRepository(app.db);
  const own = await hubs.upsert({
    id: config.hubId,
    name: config.hubName,
    url: config.hubPublicUrl
  });
  app.log.info({ hub: own.id, name: own.name }, 'serving hub');
  app.decorate('hubsRepository', hubs);
}

export default fp(hubsPlugin, {
  name: 'hubs',
  dependencies: ['database'],
  fastify: '5.x'
});
