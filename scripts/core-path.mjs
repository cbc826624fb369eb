#!/usr/bin/env node
/**
 * Lay out JupyterLab's core manifest where `build-labextension --core-path .core` expects it.
 *
 * The builder reads `<core-path>/package.json` (JupyterLab's staging manifest: shared and
 * singleton packages). @jupyterlab/core-meta ships it as `core.package.json`, so the build
 * needs no Python JupyterLab.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const source = path.join(
  path.dirname(require.resolve('@jupyterlab/core-meta/package.json')),
  'core.package.json'
);
const target = path.join(ROOT, '.core', 'package.json');

fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
const { version } = JSON.parse(fs.readFileSync(target, 'utf8'));
console.log(
  `.core/package.json <- @jupyterlab/core-meta (JupyterLab ${version})`
);
