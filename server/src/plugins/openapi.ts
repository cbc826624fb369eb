/** The OpenAPI 3 document at `{prefix}/openapi.json` and Swagger UI at `{prefix}/docs`. */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';

// src/plugins and dist/plugins are both two levels below package.json.
const packageJson = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
) as { version: string };

async function openapiPlugin(
  app: FastifyInstance,
  { config }: { config: Config }
): Promise<void> {
  // Registered before the routes: @fastify/swagger collects routes as they are added.
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'jupyterlab-catalyst companion service',
        description:
          'Identity, roles and storage for the Catalyst JupyterLab extension.',
        version: packageJson.version
      },
      components: {
        securitySchemes: {
          hubToken: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description:
              '`token <JupyterHub token>` (or `Bearer <JupyterHub token>`)'
          },
          session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }
        }
      }
    }
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: `${config.prefix}/docs`
  });

  app.get(
    `${config.prefix}/openapi.json`,
    { schema: { hide: true } },
    async () => app.swagger()
  );
}

export default fp(openapiPlugin, { name: 'openapi', fastify: '5.x' });
