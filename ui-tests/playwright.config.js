// Galata against a real local JupyterHub (demo/jupyterhub_config.py) in Debian's chromium.
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = Number(process.env.CATALYST_UI_HUB_PORT || 18400);

module.exports = {
  ...baseConfig,
  testDir: './tests',
  reporter: [['list']],
  workers: 1,
  // One retry: a real single-user server under load sometimes resets a connection (ECONNRESET).
  retries: 1,
  timeout: 120 * 1000,
  expect: { timeout: 20 * 1000 },
  use: {
    ...baseConfig.use,
    baseURL: `http://127.0.0.1:${port}`,
    // Recording video needs a browser download, which this machine cannot make.
    video: 'off',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  webServer: {
    command: 'bash ./start-hub.sh',
    url: `http://127.0.0.1:${port}/services/catalyst/ready`,
    timeout: 120 * 1000,
    reuseExistingServer: false,
    // SIGTERM lets the hub stop its proxy, the service and the user servers it started.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20 * 1000 },
    env: { CATALYST_HUB_PORT: String(port) }
  }
};
