/** Creates the data directory readable by its owner only. */
import { chmod, mkdir } from 'node:fs/promises';

/** PGlite creates its files 0666, so the directory around them must be 0700 (partnership data lives there). */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode alone.
  await chmod(path, 0o700);
}
