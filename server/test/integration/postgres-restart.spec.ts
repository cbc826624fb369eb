/**
 * A private PostgreSQL 15 (never the machine's shared server) stopped in the middle of a burst of
 * progress updates: the service answers 503 while it is down, recovers without a restart when it
 * is back, and loses nothing it acknowledged.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  burst,
  PREFIX,
  sessionToken,
  startService,
  type ServiceProcess
} from './burst.js';
import { freePort } from './local-hub.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';
const HUB = 'restart-hub';
const usable = existsSync(`${BIN}/pg_ctl`) && process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the `postgres` OS user (initdb and pg_ctl refuse root). */
const asPostgres = (binary: string, args: string[]) =>
  run('runuser', ['-u', 'postgres', '--', `${BIN}/${binary}`, ...args]);

describe(
  'PostgreSQL stopped mid-burst',
  { skip: !usable && `needs ${BIN} and root (to run it as the postgres user)` },
  () => {
    let dir: string;
    let port: number;
    let service: ServiceProcess;
    const pgctl = (...args: string[]) =>
      asPostgres('pg_ctl', ['-D', join(dir, 'data'), ...args]);
    const start = () =>
      pgctl(
        'start',
        '-w',
        '-t',
        '60',
        '-l',
        join(dir, 'log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`
      );

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'catalyst-pg-'));
      await chown(
        dir,
        Number((await run('id', ['-u', 'postgres'])).stdout),
        Number((await run('id', ['-g', 'postgres'])).stdout)
      );
      port = await freePort();
      await asPostgres('initdb', [
        '-D',
        join(dir, 'data'),
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync'
      ]);
      await start();
      service = await startService(
        `postgres://postgres@127.0.0.1:${port}/postgres`,
        HUB
      );
    });

    after(async () => {
      await service?.stop('SIGTERM');
      await pgctl('stop', '-m', 'immediate').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    });

    it('answers 503 while the database is down, recovers by itself, and keeps every acknowledged write', async () => {
      const base = `http://127.0.0.1:${service.port}${PREFIX}`;
      const tutorial = (await (
        await fetch(`${base}api/training/tutorials/first-python-notebook`, {
          headers: { authorization: `Bearer ${sessionToken(HUB, 'reader')}` }
        })
      ).json()) as { version: string; steps: { id: string }[] };
      const step = tutorial.steps[0]?.id as string;
      const readyWhileDown: number[] = [];
      let outage: Promise<void> | undefined;
      const COUNT = 150;

      const result = await burst({
        port: service.port,
        count: COUNT,
        concurrency: 6,
        retries: 14,
        write: i => ({
          method: 'PUT',
          path: `${PREFIX}api/training/progress/first-python-notebook/${tutorial.version}/${step}`,
          token: sessionToken(HUB, `u${i}`),
          body: {
            status: 'passed',
            attempts: 1,
            hintsUsed: 0,
            clientTime: new Date().toISOString()
          }
        }),
        onAck: n => {
          if (n !== 30 || outage) return;
          outage = (async () => {
            await pgctl('stop', '-m', 'fast', '-w');
            for (let k = 0; k < 3; k++) {
              readyWhileDown.push((await fetch(`${base}ready`)).status);
              await new Promise(r => setTimeout(r, 400));
            }
            await start();
          })();
        }
      });
      await outage;

      assert.deepEqual(
        readyWhileDown,
        [503, 503, 503],
        'readiness says the database is down'
      );
      assert.ok(
        (result.statuses['503'] ?? 0) > 0,
        `writes got 503 while it was down: ${JSON.stringify(result.statuses)}`
      );
      assert.equal(
        Object.keys(result.statuses).filter(
          s => !['200', '503', '0'].includes(s)
        ).length,
        0,
        JSON.stringify(result.statuses)
      );
      assert.equal(
        result.acknowledged.size,
        COUNT,
        `every write was acknowledged after retries: ${JSON.stringify(result.statuses)}`
      );
      assert.equal(
        service.child.exitCode,
        null,
        'the service was not restarted'
      );
      assert.equal((await fetch(`${base}ready`)).status, 200);

      const client = new pg.Client({
        connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`
      });
      await client.connect();
      try {
        const rows = (
          await client.query<{ user_name: string }>(
            'select user_name from training_progress where hub_id = $1',
            [HUB]
          )
        ).rows.map(r => r.user_name);
        for (const i of result.acknowledged)
          assert.ok(
            rows.includes(`u${i}`),
            `acknowledged write ${i} is stored`
          );
        assert.equal(rows.length, COUNT);
      } finally {
        await client.end();
      }
      console.log(
        `  statuses ${JSON.stringify(result.statuses)}, retries ${result.retries}`
      );
    });
  }
);
