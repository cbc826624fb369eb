import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { startedByHub } from './hub-parent.js';

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('hub parent', () => {
  it('counts as started by a hub only with a service name and a jupyterhub parent', () => {
    assert.equal(
      startedByHub({}, process.pid),
      false,
      'no JUPYTERHUB_SERVICE_NAME'
    );
    // This test runner is not a hub.
    assert.equal(
      startedByHub({ JUPYTERHUB_SERVICE_NAME: 'catalyst' }, process.pid),
      false
    );
    assert.equal(
      startedByHub({ JUPYTERHUB_SERVICE_NAME: 'catalyst' }, 999_999_999),
      false,
      'no such parent'
    );
  });

  it('stops the watcher child once its parent is gone', async () => {
    // A shell (the "hub") starts a node child that watches it, then exits; the child must follow.
    const script = [
      "import('./src/hub-parent.ts').then(({ watchParent }) => {",
      '  watchParent(() => process.exit(0), 100);',
      '  console.log(process.pid);',
      '  setInterval(() => {}, 1000);',
      '});'
    ].join('\n');
    const shell = spawn(
      'sh',
      ['-c', `"${process.execPath}" --import tsx -e "$0" & wait`, script],
      {
        stdio: ['ignore', 'pipe', 'inherit']
      }
    );
    const pid = await new Promise<number>(resolve => {
      let out = '';
      shell.stdout.on('data', chunk => {
        out += String(chunk);
        if (out.includes('\n')) resolve(Number(out.split('\n')[0]));
      });
    });
    assert.ok(pid > 0, 'the child printed its pid');
    assert.ok(isRunning(pid));
    shell.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (isRunning(pid) && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 50));
    assert.equal(isRunning(pid), false, 'the orphaned child stopped by itself');
  });
});
