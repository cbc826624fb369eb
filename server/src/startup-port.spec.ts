import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { holdPort } from './startup-port.js';

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('holdPort', () => {
  it('answers 503 "starting" with Retry-After until released, then frees the port', async () => {
    const port = await freePort();
    const held = await holdPort('127.0.0.1', port, '/services/catalyst/');
    const res = await fetch(`http://127.0.0.1:${port}/services/catalyst/ready`);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '2');
    assert.equal(((await res.json()) as { code: string }).code, 'starting');
    await held.release();
    // The app can now listen on the same port.
    await new Promise<void>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => s.close(() => resolve()));
    });
  });

  it("answers the hub's liveness probe of the prefix with 200 while starting (the hub exits on 5xx)", async () => {
    const port = await freePort();
    const held = await holdPort('127.0.0.1', port, '/services/catalyst/');
    try {
      const alive = await fetch(
        `http://127.0.0.1:${port}/services/catalyst/?probe=1`
      );
      assert.equal(alive.status, 200);
      assert.deepEqual(await alive.json(), { status: 'starting' });
      const post = await fetch(`http://127.0.0.1:${port}/services/catalyst/`, {
        method: 'POST'
      });
      assert.equal(post.status, 503, 'only a read of the prefix is a probe');
      const api = await fetch(
        `http://127.0.0.1:${port}/services/catalyst/api/hub`
      );
      assert.equal(api.status, 503);
    } finally {
      await held.release();
    }
  });

  it('fails when the port is taken, so the real error is reported', async () => {
    const port = await freePort();
    const held = await holdPort('127.0.0.1', port, '/');
    await assert.rejects(holdPort('127.0.0.1', port, '/'), /EADDRINUSE/);
    await held.release();
  });
});
