/** The JupyterHub API client, absent in development mode without a hub. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { HubApi } from '../hub/hub-api.js';

declare module 'fastify' {
  interface FastifyInstance {
    hubApi: HubApi | null;
  }
}

async function hubClientPlugin(
  app: FastifyInstance,
  { config }: { config: Config }
): Promise<void> {
  const hubApi = config.hubApi
    ? new HubApi({
        url: config.hubApi.url,
        timeoutMs: config.hubApi.timeoutMs,
        log: app.log
      })
    : null;
  app.decorate('hubApi', hubApi);
}

export default fp(hubClientPlugin, { name: 'hub-client', fastify: '5.x' });
