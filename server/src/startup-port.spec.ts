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
    const held = await holdPort('127.0.0.1', port);
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

  it('fails when the port is taken, so the real error is reported', async () => {
    const port = await freePort();
    const held = await holdPort('127.0.0.1', port);
    await assert.rejects(holdPort('127.0.0.1', port), /EADDRINUSE/);
    await held.release();
  });
});
