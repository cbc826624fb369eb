/**
 * The PostgreSQL wire protocol in front of one PGlite, for the embedded database's child process.
 *
 * pglite-socket hands PGlite one protocol message at a time (a prepared read is Bind, Describe,
 * Execute and Sync: four trips into the WASM backend, four socket writes), and can let one
 * connection's Bind land between another's Bind and Execute. Here each connection's complete
 * messages go in as one batch and its answer leaves in one write, and connections take turns only
 * at a Sync or simple Query outside a transaction, so their extended-protocol steps never mix.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** One client connection: its unparsed bytes and the complete messages waiting for PGlite. */
interface Connection {
  socket: Socket;
  buffer: Buffer;
  pending: Buffer[];
  /** Past the startup message: from here on every message starts with its type byte. */
  started: boolean;
  /** Type byte of the last pending message (0 for the startup message). */
  lastType: number;
  /** The client sent Terminate: close once its pending messages have run. */
  ending: boolean;
  closed: boolean;
}

/** Where and how the wire server listens. */
export interface PgliteWireOptions {
  db: PGlite;
  host?: string;
  port?: number;
  /** A unix socket path instead of host and port. */
  path?: string;
  maxConnections?: number;
}

/** A listening wire server: its TCP port (0 on a unix socket) and a stop. */
export interface PgliteWire {
  port: number;
  stop(): Promise<void>;
}

/** A FATAL ErrorResponse, for refusing a connection the way PostgreSQL does. */
function fatal(code: string, message: string): Buffer {
  const body = Buffer.from(`SFATAL\0C${code}\0M${message}\0\0`);
  const head = Buffer.alloc(5);
  head[0] = 0x45; // 'E'
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** Serves `db` over the wire protocol until `stop`. */
export async function startPgliteWire(
  options: PgliteWireOptions
): Promise<PgliteWire> {
  const { db } = options;
  const maxConnections = options.maxConnections ?? 8;
  const connections = new Set<Connection>();
  /** Every open socket, refused ones too, for stop to close. */
  const sockets = new Set<Socket>();
  /** Connections with messages waiting, in arrival order. */
  const ready: Connection[] = [];
  /** The connection PGlite is in the middle of (a transaction or an unsynced sequence): it goes next. */
  let owner: Connection | null = null;
  let draining = false;

  /** Splits the buffer into complete messages; answers SSL and GSS requests with "no". */
  const parse = (conn: Connection): void => {
    let buf = conn.buffer;
    while (!conn.ending) {
      if (!conn.started) {
        if (buf.length < 8) break;
        const length = buf.readInt32BE(0);
        if (buf.length < length) break;
        const code = buf.readInt32BE(4);
        const message = buf.subarray(0, length);
        buf = buf.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          conn.socket.write('N');
        } else if (code === CANCEL_REQUEST) {
          // PGlite runs one statement at a time in this process: nothing to cancel from outside.
          conn.socket.destroy();
          return;
        } else {
          conn.started = true;
          conn.pending.push(message);
          conn.lastType = 0;
        }
        continue;
      }
      if (buf.length < 5) break;
      const length = 1 + buf.readInt32BE(1);
      if (buf.length < length) break;
      if (buf[0] === TERMINATE) {
        // Never passed on: PGlite serves every connection from one backend, which must live on.
        conn.ending = true;
        buf = buf.subarray(length);
        break;
      }
      conn.pending.push(buf.subarray(0, length));
      conn.lastType = buf[0];
      buf = buf.subarray(length);
    }
    conn.buffer = buf.length ? buf : Buffer.alloc(0);
    if (conn.pending.length && !ready.includes(conn)) ready.push(conn);
    else if (conn.ending && !conn.pending.length) conn.socket.end();
  };

  /** The next connection to serve: the owner while it holds PGlite (closed or not), else the first in line. */
  const next = (): Connection | undefined => {
    if (owner) {
      if (owner.closed) return owner;
      const i = ready.indexOf(owner);
      return i < 0 ? undefined : ready.splice(i, 1)[0];
    }
    return ready.shift();
  };

  /** A connection gone in its transaction must not leave it open for the next one. */
  const abandon = async (): Promise<void> => {
    owner = null;
    try {
      if (db.isInTransaction()) await db.exec('rollback');
    } catch {
      // The backend refused the rollback: the next statement will say why.
    }
  };

  /** Runs waiting batches one connection at a time until none can go. */
  const drain = async (): Promise<void> => {
    if (draining) return;
    draining = true;
    try {
      for (let conn = next(); conn; conn = next()) {
        if (conn.closed) {
          await abandon();
          continue;
        }
        const batch =
          conn.pending.length === 1
            ? conn.pending[0]
            : Buffer.concat(conn.pending);
        conn.pending = [];
        // Another connection may go after a Sync, a simple Query or the startup exchange.
        const turnEnds =
          conn.lastType === SYNC ||
          conn.lastType === QUERY ||
          conn.lastType === 0;
        const out: Buffer[] = [];
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(new Uint8Array(batch), {
              // PGlite reuses the buffer behind each chunk: copy it before the next one.
              onRawData: chunk => out.push(Buffer.from(chunk))
            })
          );
        } catch {
          conn.socket.destroy();
          continue;
        }
        if (!conn.closed && out.length)
          conn.socket.write(out.length === 1 ? out[0] : Buffer.concat(out));
        owner = db.isInTransaction() || !turnEnds ? conn : null;
        if (conn.ending && !conn.closed) conn.socket.end();
        // A connection that closed while its batch ran gets the abandon on the next turn.
      }
    } finally {
      draining = false;
    }
  };

  /** Forgets a closed connection; if PGlite was in its transaction, drain rolls it back next. */
  const release = (conn: Connection): void => {
    conn.closed = true;
    connections.delete(conn);
    const i = ready.indexOf(conn);
    if (i >= 0) ready.splice(i, 1);
    if (owner === conn) void drain();
  };

  const server: Server = createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (connections.size >= maxConnections) {
      socket.end(fatal('53300', 'sorry, too many clients already'));
      return;
    }
    socket.setNoDelay(true);
    const conn: Connection = {
      socket,
      buffer: Buffer.alloc(0),
      pending: [],
      lastType: 0,
      started: false,
      ending: false,
      closed: false
    };
    connections.add(conn);
    socket.on('data', data => {
      conn.buffer = conn.buffer.length
        ? Buffer.concat([conn.buffer, data])
        : data;
      parse(conn);
      void drain();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => release(conn));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.path) server.listen(options.path, resolve);
    else server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stop: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}
