import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { copyPgliteTemplate } from '../../test/pglite-template.js';
import { isRunning } from '../../test/processes.js';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(
  new URL('../../test/fixtures/start-pglite.ts', import.meta.url)
);

describe('PGlite child process', () => {
  it('dies when its parent is killed with SIGKILL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalyst-orphan-'));
    // What is tested is the child's end, not initdb: start from the run's fresh cluster.
    await copyPgliteTemplate(join(dir, 'pgdata'));
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture, dir], {
      stdio: ['ignore', 'pipe', 'inherit']
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: parent.stdout }).once('line', resolve);
        parent.once('exit', code =>
          reject(new Error(`fixture exited with ${code}`))
        );
      });
      const { childPid } = JSON.parse(line) as { childPid: number };
      assert.ok(isRunning(childPid));
      parent.kill('SIGKILL');
      const deadline = Date.now() + 10000;
      while (isRunning(childPid) && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      assert.equal(
        isRunning(childPid),
        false,
        'the orphaned child exited by itself'
      );
    } finally {
      parent.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
