// Issue 2 §8 (extension): gzipped KB JupyterLab loads at start because of us, and load time with and without us.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { freePort, REPO, waitFor } from './lib.mjs';

const require = createRequire(new URL('../ui-tests/package.json', import.meta.url));
const { chromium } = require('@playwright/test');
const LOADS = Number(process.env.BENCH_LOADS || 7);
const OURS = '/lab/extensions/jupyterlab-catalyst/';

/** A plain JupyterLab server from .venv; `disabled` turns our extension off through page_config.json. */
async function startLab(disabled) {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'catalyst-lab-bench-'));
  const configDir = join(root, 'config');
  mkdirSync(join(configDir, 'labconfig'), { recursive: true });
  writeFileSync(join(configDir, 'labconfig', 'page_config.json'), JSON.stringify({ disabledExtensions: disabled ? { 'jupyterlab-catalyst': true } : {} }));
  const child = spawn(join(REPO, '.venv/bin/jupyter'), ['lab', '--no-browser', '--allow-root', `--port=${port}`, '--ServerApp.port_retries=0', '--IdentityProvider.token=', '--ServerApp.password=', `--ServerApp.root_dir=${root}`], {
    env: { ...process.env, JUPYTER_CONFIG_DIR: configDir },
    stdio: 'ignore'
  });
  const url = `http://127.0.0.1:${port}/lab`;
  await waitFor(url, 90000);
  return { child, url, root };
}

/** Load JupyterLab once in a fresh context; answer ms to a ready shell and our gzipped bytes. */
async function loadOnce(browser, url, openPanel = false) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const ours = new Map();
  page.on('response', async res => {
    if (new URL(res.url()).pathname.startsWith(OURS)) {
      try {
        ours.set(res.url(), gzipSync(await res.body()).length);
      } catch {
        // a redirect or aborted body has nothing to count
      }
    }
  });
  const start = Date.now();
  await page.goto(url);
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached', timeout: 90000 });
  await page.locator('.jp-Launcher').first().waitFor({ timeout: 90000 });
  const ms = Date.now() - start;
  await page.waitForLoadState('networkidle');
  const atStart = [...ours.values()].reduce((a, b) => a + b, 0);
  let afterPanel = atStart;
  if (openPanel) {
    await page.locator('[data-id="jupyterlab-catalyst-panel"]').click();
    await page.locator('#jupyterlab-catalyst-panel').waitFor();
    await page.waitForLoadState('networkidle');
    afterPanel = [...ours.values()].reduce((a, b) => a + b, 0);
  }
  await context.close();
  return { ms, atStart, afterPanel, files: ours.size };
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const withUs = await startLab(false);
const withoutUs = await startLab(true);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
try {
  await loadOnce(browser, withUs.url); // warm both servers' caches once
  await loadOnce(browser, withoutUs.url);
  const on = [];
  const off = [];
  for (let i = 0; i < LOADS; i++) {
    // Alternate so that machine noise falls on both sides alike.
    on.push(await loadOnce(browser, withUs.url, i === 0));
    off.push(await loadOnce(browser, withoutUs.url));
  }
  const kb = b => (b / 1024).toFixed(1);
  const onMs = on.map(r => r.ms);
  const offMs = off.map(r => r.ms);
  console.log(`\nJupyterLab 4.6 load, ${LOADS} fresh-context loads each, alternating, ${new Date().toISOString()}\n`);
  console.log('| | median ms | loads (ms) |\n|---|---:|---|');
  console.log(`| with jupyterlab-catalyst | ${median(onMs)} | ${onMs.join(', ')} |`);
  console.log(`| without (disabled) | ${median(offMs)} | ${offMs.join(', ')} |`);
  console.log(`\nOverhead of the median: ${(((median(onMs) - median(offMs)) / median(offMs)) * 100).toFixed(1)}%`);
  console.log(`Our gzipped bytes at start: ${kb(on[0].atStart)} KB in ${on[0].files} files; after opening the Catalyst panel: ${kb(on[0].afterPanel)} KB`);
} finally {
  await browser.close();
  for (const s of [withUs, withoutUs]) {
    s.child.kill('SIGTERM');
    rmSync(s.root, { recursive: true, force: true });
  }
}
