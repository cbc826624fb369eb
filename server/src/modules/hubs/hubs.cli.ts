/** `catalyst-server hubs register|list`: the federation's hub registry, from the command line. */
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../db/migrator.js';
import { createKysely, createPool } from '../../db/pool.js';
import { silentLogger } from '../../logger.js';
import { createHubsRepository, type Hub } from './hubs.repository.js';

const USAGE = `usage:
  catalyst-server hubs register --id <hub id> --url <hub URL> [--name <name>]
                                [--community <slug>] [--languages en,es]
  catalyst-server hubs list
Both read DATABASE_URL (or --database-url) and bring the schema up to date first.`;

const HUB_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LANGUAGES =
  /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?(,[a-z]{2,3}(-[A-Za-z0-9]{2,8})?)*$/;

/** Where the CLI writes; tests capture it. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const console_: CliOutput = {
  out: line => console.log(line),
  err: line => console.error(line)
};

/** Runs `hubs <command> ...args`; resolves to the process exit code (0, 64 usage, 78 config, 1 failure). */
export async function runHubsCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliOutput = console_
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        url: { type: 'string' },
        name: { type: 'string' },
        community: { type: 'string' },
        languages: { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command || !['register', 'list'].includes(command)) {
    io.err(USAGE);
    return values.help ? 0 : 64;
  }
  const problem = command === 'register' ? checkRegister(values) : null;
  if (problem) {
    io.err(`hubs register: ${problem}\n${USAGE}`);
    return 64;
  }
  const databaseUrl = values['database-url'] ?? env.DATABASE_URL;
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    io.err(
      "hubs: DATABASE_URL must name the federation's PostgreSQL (postgres://...). " +
        'An instance on the embedded database registers its own hub.'
    );
    return 78;
  }

  const db = createKysely(createPool(databaseUrl, { max: 1 }, silentLogger));
  try {
    await migrateToLatest(db, silentLogger);
    const hubs = createHubsRepository(db);
    if (command === 'register') {
      const hub = await hubs.register({
        id: values.id as string,
        name: values.name ?? (values.id as string),
        url: values.url as string,
        communityId: values.community ?? null,
        languages: values.languages?.split(',') ?? null
      });
      io.out(`registered ${describe(hub)}`);
    } else {
      for (const hub of await hubs.list()) io.out(describe(hub));
    }
    return 0;
  } catch (error) {
    io.err(`hubs ${command}: ${(error as Error).message}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

function checkRegister(values: Record<string, unknown>): string | null {
  const { id, url, community, languages } = values as Record<
    string,
    string | undefined
  >;
  if (!id || !HUB_ID.test(id))
    return '--id is required: lowercase letters, digits, - and _';
  if (!url || !/^https?:\/\//.test(url))
    return "--url is required: the hub's http(s) address";
  if (community !== undefined && !SLUG.test(community))
    return '--community must be a slug: lowercase letters, digits and -';
  if (languages !== undefined && !LANGUAGES.test(languages))
    return '--languages must be comma-separated codes, e.g. en,es';
  return null;
}

function describe(hub: Hub): string {
  return [
    hub.id,
    `name=${JSON.stringify(hub.name)}`,
    `url=${hub.url}`,
    `community=${hub.community_id ?? '-'}`,
    `languages=${hub.languages.join(',')}`
  ].join(' ');
}
