#!/usr/bin/env node
/** Process entry: read the config, build the app, listen, and shut down gracefully on signals. */
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.js';
import { startedByHub, watchParent } from './hub-parent.js';
import { holdPort } from './startup-port.js';

async function main(): Promise<void> {
  // `catalyst-server hubs register|list`: the federation's hub registry (docs/deploying.md).
  if (process.argv[2] === 'hubs') {
    const { runHubsCli } = await import('./modules/hubs/hubs.cli.js');
    process.exit(await runHubsCli(process.argv.slice(3)));
  }
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

  if (startedByHub()) {
    // SIGTERM: the graceful shutdown below once it is installed, the default exit before that.
    watchParent(() => {
      console.error(
        'catalyst-server: the hub that started this service is gone; stopping'
      );
      process.kill(process.pid, 'SIGTERM');
    });
  }
  // Answer on the port at once (alive, 503 "starting" elsewhere): a hub waits only ~10 s for its
  // managed service and then exits.
  const held = await holdPort(config.host, config.port, `${config.prefix}/`);
  let app;
  try {
    // Loaded after the port is held: the modules alone take seconds on a busy machine.
    const { buildApp } = await import('./app.js');
    app = await buildApp(config);
  } catch (error) {
    // A start-up refusal that names its cause (e.g. an unregistered hub id): no stack, no restart loop.
    if (error instanceof ConfigError) {
      console.error(`catalyst-server: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
  // Handles SIGTERM and SIGINT (and uncaught errors): finish requests, stop the database child, exit.
  closeWithGrace({ delay: 10000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  // Everything that runs at start (migrations, onReady jobs) before the port changes hands.
  await app.ready();
  await held.release();
  await app.listen({ host: config.host, port: config.port });
}

main().catch(error => {
  console.error('catalyst-server: failed to start:', error);
  process.exit(1);
});
