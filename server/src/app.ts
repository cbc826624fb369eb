/** buildApp(config): the service's plugins, registered in the order of the architecture. */
import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions
} from 'fastify';
import type { Config } from './config.js';
import { loggerOptions } from './logger.js';
import { adminRoutes } from './modules/admin/admin.routes.js';
import { federationRoutes } from './modules/federation/federation.routes.js';
import { feedbackRoutes } from './modules/feedback/feedback.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import hubsPlugin from './modules/hubs/hubs.plugin.js';
import { hubRoutes } from './modules/hubs/hubs.routes.js';
import partnershipsPlugin from './modules/partnerships/partnerships.routes.js';
import { sessionRoutes } from './modules/session/session.routes.js';
import { trainingRoutes } from './modules/training/training.routes.js';
import authPlugin from './plugins/auth.js';
import databasePlugin from './plugins/database.js';
import errorsPlugin from './plugins/errors.js';
import hubClientPlugin from './plugins/hub-client.js';
import metricsPlugin from './plugins/metrics.js';
import openapiPlugin from './plugins/openapi.js';
import { createValidatorCompiler } from './validation.js';

/** Options for tests and the process entry. */
export interface BuildOptions {
  /** Logger settings; defaults to pino at config.logLevel with credentials redacted. */
  logger?: FastifyServerOptions['logger'];
}

/** Builds the app without listening; the caller owns `listen` and `close`. */
export async function buildApp(
  config: Config,
  options: BuildOptions = {}
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimit,
    // The embedded database's first start (initdb in WebAssembly) takes seconds, more on a busy machine.
    pluginTimeout: 120000,
    // Slow or idle clients must not hold connections open forever.
    connectionTimeout: 60000,
    requestTimeout: 30000,
    keepAliveTimeout: 10000
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(createValidatorCompiler());

  if (config.devMode) {
    app.log.warn(
      '*** DEVELOPMENT MODE: sessions can be opened with CATALYST_DEV_SECRET for any user name. ' +
        'Never enable CATALYST_DEV_MODE on a hub people use. ***'
    );
  }

  // Cross-cutting: the error shape first, so every later failure answers in it.
  await app.register(errorsPlugin);
  await app.register(openapiPlugin, { config });
  // Stores and outside services.
  await app.register(databasePlugin, { config });
  // Before every route, so that each one is counted and timed.
  await app.register(metricsPlugin, { config });
  await app.register(hubsPlugin, { config });
  await app.register(hubClientPlugin, { config });
  // Identity.
  await app.register(authPlugin, { config });
  // Feature routes, all under the hub's service prefix.
  await app.register(healthRoutes, { prefix: config.prefix });
  await app.register(sessionRoutes, { prefix: `${config.prefix}/api`, config });
  await app.register(adminRoutes, {
    prefix: `${config.prefix}/api/admin`,
    config
  });
  await app.register(hubRoutes, { prefix: `${config.prefix}/api`, config });
  await app.register(trainingRoutes, {
    prefix: `${config.prefix}/api/training`,
    config
  });
  await app.register(federationRoutes, {
    prefix: `${config.prefix}/api/federation`,
    config
  });
  await app.register(partnershipsPlugin, {
    prefix: `${config.prefix}/api/partnerships`,
    config
  });
  await app.register(feedbackRoutes, {
    prefix: `${config.prefix}/api/feedback`,
    config
  });

  return app;
}
