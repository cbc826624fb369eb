#!/usr/bin/env node
/** Process entry: read the config, build the app, listen, and shut down gracefully on signals. */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`catalyst-server: configuration error: ${error.message}`);
      process.exit(78); // EX_CONFIG: a supervisor should not restart in a loop on this.
    }
    throw error;
  }

  const app = await buildApp(config);
  // Handles SIGTERM and SIGINT (and uncaught errors): finish requests, stop the database child, exit.
  closeWithGrace({ delay: 10000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ host: config.host, port: config.port });
}

main().catch(error => {
  console.error('catalyst-server: failed to start:', error);
  process.exit(1);
});
