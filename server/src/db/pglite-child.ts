/** Child process entry: serves one PGlite data directory over the PostgreSQL wire protocol on loopback. */
import { PGlite } from '@electric-sql/pglite';
import { startPgliteWire, type PgliteWire } from './pglite-wire.js';

/** Messages sent to the parent over the IPC channel. */
export type PgliteChildMessage =
  { type: 'listening'; port: number } | { type: 'failed'; message: string };

const dataDir = process.env.CATALYST_PGLITE_DIR;
const port = Number(process.env.CATALYST_PGLITE_PORT ?? '0');
const maxConnections = Number(
  process.env.CATALYST_PGLITE_MAX_CONNECTIONS ?? '8'
);

let db: PGlite | undefined;
let server: PgliteWire | undefined;
let stopping = false;

function send(message: PgliteChildMessage): void {
  if (process.connected) process.send?.(message);
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A stuck close must not leave an orphan holding the data directory.
  setTimeout(() => process.exit(code), 5000).unref();
  try {
    await server?.stop();
    await db?.close();
  } finally {
    process.exit(code);
  }
}

async function start(): Promise<void> {
  if (!dataDir) throw new Error('CATALYST_PGLITE_DIR is not set');
  db = await PGlite.create(dataDir);
  server = await startPgliteWire({
    db,
    host: '127.0.0.1',
    port,
    maxConnections
  });
  send({ type: 'listening', port: server.port });
}

process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
// The parent closed the IPC channel or died: never outlive it.
process.on('disconnect', () => void stop(0));

start().catch((error: unknown) => {
  send({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error)
  });
  void stop(1);
});
