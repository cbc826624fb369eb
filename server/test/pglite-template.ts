/** One PGlite initdb per test run: the first file that needs the embedded database makes it, every file copies it. */
import { cp, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PgliteProcess } from '../src/db/pglite-process.js';

/** A folder that lives as long as the run (scripts/run-tests.mjs makes it); unset, each file runs initdb. */
const root = process.env.CATALYST_TEST_PGLITE_TEMPLATE;

/** How long a file waits for another one's initdb (a loaded 2-core machine takes ~30 s). */
const WAIT_MS = 180_000;

let ready: Promise<string> | undefined;

/**
 * Puts a fresh, never-started cluster at `pgdata` (a copy of the run's template) and returns true;
 * false when there is no template folder, so that the caller runs initdb itself.
 */
export async function copyPgliteTemplate(pgdata: string): Promise<boolean> {
  if (!root) return false;
  ready ??= template(root);
  await cp(await ready, pgdata, { recursive: true });
  return true;
}

/** The template's pgdata: made here if this process is first to take the lock, else waited for. */
async function template(root: string): Promise<string> {
  const pgdata = join(root, 'pgdata');
  const failed = join(root, 'failed');
  if (await takeLock(join(root, 'lock'))) {
    try {
      // The same child as the service and every test file, so the template is the cluster they would make.
      const building = join(root, 'building');
      const pglite = new PgliteProcess({ dataDir: building });
      await pglite.start();
      await pglite.stop();
      // A rename is atomic: a waiting file sees the whole cluster or none of it.
      await rename(pglite.pgdata, pgdata);
      return pgdata;
    } catch (error) {
      await writeFile(failed, String(error));
      throw error;
    }
  }
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline;) {
    if (await exists(pgdata)) return pgdata;
    if (await exists(failed)) {
      throw new Error(
        `the PGlite template failed in another file: ${await readFile(failed, 'utf8')}`
      );
    }
    await sleep(100);
  }
  throw new Error(`no PGlite template in ${root} after ${WAIT_MS} ms`);
}

/** mkdir is atomic across processes: exactly one file gets to build the template. */
async function takeLock(path: string): Promise<boolean> {
  try {
    await mkdir(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false
  );
}
