import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { isRunning } from '../../test/processes.js';
import {
  buildTestApp,
  DEV_SECRET,
  type TestApp
} from '../../test/build-app.js';

/** Ids of the PGlite children started so far, oldest first. */
function childPids(logs: string[]): number[] {
  return logs
    .filter(line => line.includes('embedded database (PGlite) started'))
    .map(line => JSON.parse(line).childPid as number);
}

describe('database plugin without DATABASE_URL (embedded PGlite child)', () => {
  let parent: string;
  let dataDir: string;
  let t: TestApp;

  before(async () => {
    parent = await mkdtemp(join(tmpdir(), 'catalyst-data-'));
    dataDir = join(parent, 'catalyst');
    // An existing, too open directory must be tightened.
    await mkdir(dataDir, { mode: 0o755 });
    t = await buildTestApp({
      CATALYST_DATA_DIR: dataDir,
      CATALYST_DEV_MODE: '1',
      CATALYST_DEV_SECRET: DEV_SECRET
    });
    await t.app.ready();
  });

  after(async () => {
    await t?.app.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('starts PGlite in a child process, migrates, and says which store it uses', async () => {
    assert.equal(t.app.database.store, 'pglite');
    assert.ok(t.logs.some(line => line.includes('"store":"pglite"')));
    const res = await t.app.inject({
      method: 'GET',
      url: '/services/catalyst/ready'
    });
    assert.equal(res.statusCode, 200);
    const hub = await t.app.db
      .selectFrom('hubs')
      .selectAll()
      .where('id', '=', 'local')
      .executeTakeFirst();
    assert.deepEqual(hub?.languages, ['en', 'es']);
    const { rows } = await sql<{ version: string }>`select version()`.execute(
      t.app.db
    );
    assert.match(rows[0]?.version ?? '', /PGlite/);
  });

  it('keeps the data directory private (0700) with the pgdata inside', async () => {
    assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
    assert.ok((await stat(join(dataDir, 'pgdata', 'PG_VERSION'))).isFile());
  });

  it('restarts a crashed child on the same port, and the service recovers', async () => {
    const before = childPids(t.logs);
    const crashed = before.at(-1) as number;
    process.kill(crashed, 'SIGKILL');
    const deadline = Date.now() + 30000;
    let status = 0;
    while (Date.now() < deadline) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/services/catalyst/ready'
      });
      status = res.statusCode;
      if (status === 200 && childPids(t.logs).length > before.length) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    assert.equal(status, 200, 'ready again without restarting the service');
    assert.ok(t.logs.some(line => line.includes('exited unexpectedly')));
    assert.notEqual(childPids(t.logs).at(-1), crashed);
  });

  it('stops the child when the app closes, and reopens the same data', async () => {
    const child = childPids(t.logs).at(-1);
    assert.ok(
      child && isRunning(child),
      'the child runs while the app is open'
    );
    await t.app.close();
    assert.equal(isRunning(child), false, 'the child is gone after close');

    t = await buildTestApp({
      CATALYST_DATA_DIR: dataDir,
      CATALYST_DEV_MODE: '1',
      CATALYST_DEV_SECRET: DEV_SECRET
    });
    await t.app.ready();
    const hubs = await t.app.db.selectFrom('hubs').select('id').execute();
    assert.deepEqual(hubs, [{ id: 'local' }], 'the data survived the restart');
  });
});
