import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import {
  buildTestApp,
  DEV_SECRET,
  type TestApp
} from '../../../test/build-app.js';
import { startDatabase, type TestDatabase } from '../../../test/databases.js';
import { copyPgliteTemplate } from '../../../test/pglite-template.js';
import { ConfigError } from '../../config.js';
import { runHubsCli } from './hubs.cli.js';

const PREFIX = '/services/catalyst';
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

/** Starts an instance for `hubId`; resolves to the app, or rejects as the process would refuse to start. */
async function start(
  env: Record<string, string>,
  hubId: string
): Promise<TestApp> {
  const t = await buildTestApp({
    CATALYST_DEV_MODE: '1',
    CATALYST_DEV_SECRET: DEV_SECRET,
    CATALYST_HUB_ID: hubId,
    ...env
  });
  try {
    await t.app.ready();
  } catch (error) {
    await t.app.close();
    throw error;
  }
  return t;
}

/** `hubs <args>` with its output captured. */
async function cli(args: string[], databaseUrl: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHubsCli(
    args,
    { DATABASE_URL: databaseUrl },
    { out: l => void out.push(l), err: l => void err.push(l) }
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function hubRows(url: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query(
        'select id, name, url, community_id, languages from hubs order by id'
      )
    ).rows;
  } finally {
    await client.end();
  }
}

describe('hub registration on the embedded database', () => {
  it('registers its own hub by default (auto): nobody else can share the database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalyst-reg-'));
    // An empty cluster from the run's template (the service's own initdb is database.spec.ts's subject).
    await copyPgliteTemplate(join(dir, 'pgdata'));
    try {
      const t = await start(
        {
          CATALYST_DATA_DIR: dir,
          CATALYST_REGISTER_HUB: 'auto',
          CATALYST_HUB_COMMUNITY: 'andes',
          CATALYST_HUB_LANGUAGES: 'es,en'
        },
        'solo'
      );
      const hub = await t.app.hubsRepository.findById('solo');
      await t.app.close();
      assert.equal(hub?.community_id, 'andes');
      assert.deepEqual(hub?.languages, ['es', 'en']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe(
  'hub registration on PostgreSQL (a federation)',
  { skip: !serverUrl && 'needs TEST_DATABASE_URL' },
  () => {
    let db: TestDatabase;
    before(async () => {
      db = await startDatabase('postgres');
    });
    after(async () => {
      await db?.close();
    });

    for (const flag of ['0', 'auto']) {
      it(`refuses to start for an unknown hub id (CATALYST_REGISTER_HUB=${flag}), saying how to register it`, async () => {
        await assert.rejects(
          start(
            { DATABASE_URL: db.url, CATALYST_REGISTER_HUB: flag },
            'nowhere'
          ),
          (error: unknown) => {
            assert.ok(error instanceof ConfigError, String(error));
            assert.match(
              error.message,
              /^CATALYST_HUB_ID "nowhere" is not a hub registered/
            );
            assert.match(
              error.message,
              /catalyst-server hubs register --id nowhere/
            );
            assert.match(error.message, /CATALYST_REGISTER_HUB=1/);
            return true;
          }
        );
        assert.ok(!(await hubRows(db.url)).some(row => row.id === 'nowhere'));
      });
    }

    it('registers with the CLI, then an instance of that hub starts and serves it', async () => {
      const registered = await cli(
        [
          'register',
          '--id',
          'hub-b',
          '--url',
          'https://b.example.org/',
          '--name',
          'Hub B',
          '--community',
          'selva',
          '--languages',
          'es,pt'
        ],
        db.url
      );
      assert.equal(registered.code, 0, registered.err);
      assert.match(
        registered.out,
        /^registered hub-b name="Hub B" url=https:\/\/b.example.org\/ community=selva languages=es,pt$/
      );

      const t = await start(
        { DATABASE_URL: db.url, CATALYST_REGISTER_HUB: '0' },
        'hub-b'
      );
      try {
        const jwt = (
          await t.app.inject({
            method: 'POST',
            url: `${PREFIX}/api/session`,
            headers: { authorization: `token ${DEV_SECRET}` },
            payload: { user: 'ana' }
          })
        ).json().token as string;
        const res = await t.app.inject({
          method: 'GET',
          url: `${PREFIX}/api/hub`,
          headers: { authorization: `Bearer ${jwt}` }
        });
        assert.deepEqual(res.json(), {
          id: 'hub-b',
          name: 'Hub B',
          url: 'https://b.example.org/',
          communityId: 'selva',
          languages: ['es', 'pt']
        });
      } finally {
        await t.app.close();
      }

      // Registering again changes the URL and keeps community and languages.
      const again = await cli(
        ['register', '--id', 'hub-b', '--url', 'https://hub-b.example.org/'],
        db.url
      );
      assert.equal(again.code, 0, again.err);
      const listed = await cli(['list'], db.url);
      assert.match(
        listed.out,
        /^hub-b name="hub-b" url=https:\/\/hub-b.example.org\/ community=selva languages=es,pt$/m
      );
    });

    it('refuses bad CLI input with a usage error and writes nothing', async () => {
      const before = await hubRows(db.url);
      for (const args of [
        ['register', '--url', 'https://x.example.org/'],
        ['register', '--id', 'Bad Id', '--url', 'https://x.example.org/'],
        ['register', '--id', 'x', '--url', 'ftp://x.example.org/'],
        [
          'register',
          '--id',
          'x',
          '--url',
          'https://x.example.org/',
          '--languages',
          'en;es'
        ],
        [
          'register',
          '--id',
          'x',
          '--url',
          'https://x.example.org/',
          '--community',
          'Not A Slug'
        ],
        [
          'register',
          '--id',
          'x',
          '--url',
          'https://x.example.org/',
          '--colour',
          'red'
        ],
        ['unregister', '--id', 'x']
      ]) {
        const result = await cli(args, db.url);
        assert.equal(result.code, 64, `${args.join(' ')}: ${result.err}`);
        assert.match(result.err, /usage:/);
      }
      const noDatabase = await runHubsCli(
        ['list'],
        {},
        { out: () => undefined, err: () => undefined }
      );
      assert.equal(noDatabase, 78);
      assert.deepEqual(await hubRows(db.url), before);
    });
  }
);

describe(
  'migrations under an advisory lock',
  { skip: !serverUrl && 'needs TEST_DATABASE_URL' },
  () => {
    let db: TestDatabase;
    before(async () => {
      db = await startDatabase('postgres');
    });
    after(async () => {
      await db?.close();
    });

    it('two instances starting at once on a fresh database both come up, and each migration runs once', async () => {
      const env = { DATABASE_URL: db.url, CATALYST_REGISTER_HUB: '1' };
      const [a, b] = await Promise.all([
        start(env, 'hub-a'),
        start(env, 'hub-b')
      ]);
      try {
        const applied = [a, b].map(
          t =>
            t.logs.filter(line => line.includes('"msg":"migration applied"'))
              .length
        );
        const { rows } = await (async () => {
          const client = new pg.Client({ connectionString: db.url });
          await client.connect();
          try {
            return await client.query<{ name: string; n: number }>(
              'select name, count(*)::int as n from kysely_migration group by name'
            );
          } finally {
            await client.end();
          }
        })();
        assert.ok(rows.length >= 3, 'the migrations are recorded');
        assert.ok(rows.every(row => row.n === 1));
        // One instance applied every migration, the other found nothing to do.
        assert.deepEqual(
          [...applied].sort((x, y) => x - y),
          [0, rows.length]
        );
        for (const t of [a, b]) {
          const res = await t.app.inject({
            method: 'GET',
            url: `${PREFIX}/ready`
          });
          assert.equal(res.statusCode, 200);
        }
      } finally {
        await Promise.all([a.app.close(), b.app.close()]);
      }
    });
  }
);
