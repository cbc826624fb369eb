// Writes the shipped tutorials, compiled, into the extension (its fallback when the service is down).
// Run: npm run tutorials:bundle (the compiler spec fails while the bundle is stale).
import { spawnSync } from 'node:child_process';

const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '-e',
    "import('./src/modules/training/tutorial-bundle.ts').then(m => m.writeBundle())"
  ],
  { stdio: 'inherit' }
);
process.exit(result.status ?? 1);
