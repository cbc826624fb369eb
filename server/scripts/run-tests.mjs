// Runs every src/**/*.spec.ts with node's test runner through tsx (Node 20's --test takes no globs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

function specs(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specs(path);
    return entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

// Arguments may name spec files or folders to search; the default is every spec under src/.
const roots = process.argv.length > 2 ? process.argv.slice(2) : ['src'];
const files = roots
  .flatMap(root => (root.endsWith('.spec.ts') ? [root] : specs(root)))
  .sort();
// PGlite's initdb (~10 s) runs once for the run, in the first file that needs it; test/databases.ts
// copies the result into each file's own fresh data directory (test/pglite-template.ts).
const template = mkdtempSync(join(tmpdir(), 'catalyst-pglite-template-'));
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=2',
    ...files.map(file => relative('.', file))
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, CATALYST_TEST_PGLITE_TEMPLATE: template }
  }
);
rmSync(template, { recursive: true, force: true });
process.exit(result.status ?? 1);
