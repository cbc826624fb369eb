/** Builds the app for a test against a test database, with logs captured in memory. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { loggerOptions } from '../src/logger.js';

/** The service token the tests give the app. */
export const SERVICE_TOKEN = 'service-token-0123456789abcdef';

/** The development secret used by dev-mode tests. */
export const DEV_SECRET = 'dev-secret-0123456789';

/** A test app and the log lines it wrote. */
export interface TestApp {
  app: FastifyInstance;
  config: Config;
  logs: string[];
}

const postgresServer =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

/**
 * Whether `url` is a test PGlite's socket rather than the PostgreSQL server. That socket serves every
 * connection from one session, where named statements prepared by two connections would collide; the
 * product never connects so (its embedded store uses one connection), but tests open several pools.
 */
function isPgliteSocket(url: string | undefined): boolean {
  if (!url) return false;
  return !postgresServer || new URL(url).host !== new URL(postgresServer).host;
}

/** The config from a test environment; nothing is read from the real one. */
export function testConfig(env: NodeJS.ProcessEnv): Config {
  return loadConfig({
    JUPYTERHUB_API_TOKEN: SERVICE_TOKEN,
    CATALYST_LOG_LEVEL: 'info',
    // A single hub, as in the demo: the instance registers its own hub (a test may say otherwise).
    CATALYST_REGISTER_HUB: '1',
    ...(isPgliteSocket(env.DATABASE_URL)
      ? { CATALYST_DB_PREPARED_STATEMENTS: '0' }
      : {}),
    ...env
  });
}

/** Builds (not yet ready) the app with `env`; the caller closes it. */
export async function buildTestApp(env: NodeJS.ProcessEnv): Promise<TestApp> {
  const config = testConfig(env);
  const logs: string[] = [];
  const app = await buildApp(config, {
    logger: {
      ...loggerOptions('debug'),
      stream: { write: (line: string) => void logs.push(line) }
    }
  });
  return { app, config, logs };
}
