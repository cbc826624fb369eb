/** The extension's copy of the shipped tutorials: a generated module in src/training/ of the extension. */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { SHIPPED_TUTORIALS } from './training.routes.js';
import { compileFolder } from './tutorial-compiler.js';

/** Where the extension imports the bundle from. */
export const BUNDLE_FILE = fileURLToPath(
  new URL('../../../../src/training/shippedTutorials.ts', import.meta.url)
);

/** The bundle's text for the shipped tutorials as they are now, formatted like the extension. */
export async function bundleText(): Promise<string> {
  const { tutorials, errors } = await compileFolder(SHIPPED_TUTORIALS);
  if (errors.length) {
    throw new Error(
      `shipped tutorials do not compile: ${JSON.stringify(errors)}`
    );
  }
  const source = [
    '// Generated from tutorials/*.md by `npm --prefix server run tutorials:bundle`; do not edit.',
    "import type { ITutorial } from './types';",
    '',
    '/** The shipped tutorials, compiled: the panel shows them when the service is down. */',
    `export const SHIPPED_TUTORIALS: ITutorial[] = ${JSON.stringify(tutorials)};`,
    ''
  ].join('\n');
  const options = (await resolveConfig(BUNDLE_FILE)) ?? {};
  return format(source, { ...options, filepath: BUNDLE_FILE });
}

/** Whether the extension's bundle matches the tutorial files. */
export async function bundleIsCurrent(): Promise<boolean> {
  const current = await readFile(BUNDLE_FILE, 'utf8').catch(() => '');
  return current === (await bundleText());
}

/** Rewrites the extension's bundle. */
export async function writeBundle(): Promise<void> {
  await writeFile(BUNDLE_FILE, await bundleText());
}
