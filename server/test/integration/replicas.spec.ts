/**
 * Two instances of one hub behind a round-robin balancer on one PostgreSQL; one is killed with
 * SIGKILL in the middle of a burst of progress updates and feedback submissions. Every
 * acknowledged write must be in the database once, and the clients' retries land on the survivor.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import {
  burst,
  PREFIX,
  roundRobin,
  sessionToken,
  startService,
  type ServiceProcess
} from './burst.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const HUB = 'replica-hub';

describe(
  'replicas of one hub: SIGKILL mid-burst',
  { skip: !serverUrl && 'needs the PostgreSQL server (TEST_DATABASE_URL)' },
  () => {
    let databaseUrl: string;
    let dbName: string;
    let replicas: ServiceProcess[] = [];

    before(async () => {
      dbName = `catalyst_rep_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const url = new URL(serverUrl as string);
      url.pathname = `/${dbName}`;
      databaseUrl = url.toString();
      replicas = await Promise.all([
        startService(databaseUrl, HUB),
        startService(databaseUrl, HUB)
      ]);
    });

    after(async () => {
      await Promise.all(replicas.map(r => r.stop('SIGKILL')));
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    });

    it('keeps every acknowledged progress update and feedback item, each once', async () => {
      const [first, second] = replicas as [ServiceProcess, ServiceProcess];
      const tutorial = (await (
        await fetch(
          `http://127.0.0.1:${first.port}${PREFIX}api/training/tutorials/first-python-notebook`,
          {
            headers: { authorization: `Bearer ${sessionToken(HUB, 'reader')}` }
          }
        )
      ).json()) as { version: string; steps: { id: string }[] };
      const step = tutorial.steps[0]?.id as string;
      const balancer = await roundRobin([first.port, second.port]);
      const run = randomBytes(3).toString('hex');
      const PROGRESS = 120;
      const FEEDBACK = 60;
      let killed = false;
      try {
        const result = await burst({
          port: balancer.port,
          count: PROGRESS + FEEDBACK,
          concurrency: 8,
          // Progress for users p0..p119, then feedback from f0..f59 (one each, under the flood guard).
          write: i =>
            i < PROGRESS
              ? {
                  method: 'PUT',
                  path: `${PREFIX}api/training/progress/first-python-notebook/${tutorial.version}/${step}`,
                  token: sessionToken(HUB, `p${i}`),
                  body: {
                    status: 'passed',
                    attempts: 1,
                    hintsUsed: 0,
                    clientTime: new Date().toISOString()
                  }
                }
              : {
                  method: 'POST',
                  path: `${PREFIX}api/feedback/items`,
                  token: sessionToken(HUB, `f${i - PROGRESS}`),
                  body: {
                    title: `burst ${run} ${i}`,
                    body: 'retry me',
                    lang: 'en',
                    topic: 'training'
                  }
                },
          onAck: n => {
            if (n === 40 && !killed) {
              killed = true;
              first.child.kill('SIGKILL');
            }
          }
        });
        assert.ok(killed, 'the first replica was killed mid-burst');
        assert.ok(
          (balancer.served[0] ?? 0) > 0,
          'the killed replica had served requests'
        );
        assert.ok(
          result.retries > 0,
          `clients retried (statuses ${JSON.stringify(result.statuses)})`
        );
        assert.equal(
          result.acknowledged.size,
          PROGRESS + FEEDBACK,
          `every write was acknowledged in the end: ${JSON.stringify(result.statuses)}`
        );

        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          const progress = (
            await client.query<{ user_name: string; n: number }>(
              `select user_name, count(*)::int as n from training_progress where hub_id = $1 group by user_name`,
              [HUB]
            )
          ).rows;
          const keys = (
            await client.query<{ user_name: string; n: number }>(
              `select user_name, count(*)::int as n from training_idempotency where hub_id = $1 group by user_name`,
              [HUB]
            )
          ).rows;
          const items = (
            await client.query<{ title: string; n: number }>(
              `select title, count(*)::int as n from feedback_items where hub_id = $1 and title like $2 group by title`,
              [HUB, `burst ${run} %`]
            )
          ).rows;
          const byUser = new Map(progress.map(r => [r.user_name, r.n]));
          const keysByUser = new Map(keys.map(r => [r.user_name, r.n]));
          const byTitle = new Map(items.map(r => [r.title, r.n]));
          for (const i of result.acknowledged) {
            if (i < PROGRESS) {
              assert.equal(byUser.get(`p${i}`), 1, `progress of p${i}`);
              assert.equal(
                keysByUser.get(`p${i}`),
                1,
                `one applied key for p${i}`
              );
            } else {
              assert.equal(
                byTitle.get(`burst ${run} ${i}`),
                1,
                `feedback ${i} stored once`
              );
            }
          }
          assert.equal(items.length, FEEDBACK);
        } finally {
          await client.end();
        }
        // The survivor still serves.
        const ready = await fetch(
          `http://127.0.0.1:${balancer.port}${PREFIX}ready`
        );
        assert.equal(ready.status, 200);
        console.log(
          `  statuses ${JSON.stringify(result.statuses)}, retries ${result.retries}, connections per replica ${balancer.served.join('/')}`
        );
      } finally {
        await balancer.close();
      }
    });
  }
);
