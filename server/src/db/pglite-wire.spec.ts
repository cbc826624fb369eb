import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { connect as connectSocket, type Socket } from 'node:net';
import pg from 'pg';
import { startPgliteWire, type PgliteWire } from './pglite-wire.js';

describe('PGlite wire server', () => {
  let db: PGlite;
  let wire: PgliteWire;
  const clients: pg.Client[] = [];

  /** A connected pg client on the wire server, ended after the suite. */
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({
      connectionString: `postgres://postgres@127.0.0.1:${wire.port}/postgres`
    });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  };

  before(async () => {
    db = await PGlite.create();
    await db.exec('create table things (id int)');
    wire = await startPgliteWire({ db, maxConnections: 4 });
  });

  afterEach(async () => {
    for (const client of clients.splice(0))
      await client.end().catch(() => undefined);
    // The server sees each close a moment after the client's end resolves.
    await new Promise(resolve => setTimeout(resolve, 50));
  });

  after(async () => {
    await wire.stop();
    await db.close();
  });

  it('lets no other connection in between a Bind and its Sync', async () => {
    const raw = await rawConnection(wire.port);
    const b = await connect();
    // The session's unnamed statement and portal hold "mine"; the Execute comes later.
    raw.socket.write(
      Buffer.concat([
        message('P', cstr(''), cstr('select $1::text as v'), int16(0)),
        bindTail('mine')
      ])
    );
    // Let in between, b's unnamed Parse and Bind would replace the portal raw then executes.
    const theirs = b.query('select $1::text as v', ['theirs']);
    await new Promise(resolve => setTimeout(resolve, 100));
    raw.socket.write(
      Buffer.concat([message('E', cstr(''), int32(0)), message('S')])
    );
    assert.deepEqual(await raw.rowsUntilReady(), ['mine']);
    assert.equal((await theirs).rows[0].v, 'theirs');
    raw.socket.destroy();
  });

  it('runs no other connection inside an open transaction', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('begin');
    await a.query('insert into things values (1)');
    const counted = b.query('select count(*)::int as n from things');
    await new Promise(resolve => setTimeout(resolve, 50));
    await a.query('rollback');
    // Run inside a's transaction, b would have counted the row that was rolled back.
    assert.equal((await counted).rows[0].n, 0);
  });

  it('rolls back the transaction of a connection that drops', async () => {
    const a = await connect();
    const b = await connect();
    await a.query('begin');
    await a.query('insert into things values (2)');
    (
      a as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy();
    assert.equal(
      (await b.query('select count(*)::int as n from things')).rows[0].n,
      0
    );
    await b.query('begin');
    assert.equal(
      (await b.query('select count(*)::int as n from things')).rows[0].n,
      0
    );
    await b.query('commit');
  });

  it('keeps serving after a client ends its connection', async () => {
    const a = await connect();
    await a.query('select 1');
    await a.end();
    const b = await connect();
    assert.equal((await b.query('select 41 + 1 as n')).rows[0].n, 42);
  });

  it('refuses connections past the limit with a PostgreSQL error', async () => {
    for (let i = 0; i < 4; i++) await connect();
    await assert.rejects(connect(), /too many clients/);
  });
});

/** One protocol message: type byte, length, body. */
function message(type: string, ...body: Buffer[]): Buffer {
  const content = Buffer.concat(body);
  return Buffer.concat([Buffer.from(type), int32(content.length + 4), content]);
}

function cstr(text: string): Buffer {
  return Buffer.from(`${text}\0`);
}

function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

/** A Bind of the unnamed statement to the unnamed portal with one text parameter. */
function bindTail(value: string): Buffer {
  const v = Buffer.from(value);
  return message(
    'B',
    cstr(''),
    cstr(''),
    int16(0),
    int16(1),
    int32(v.length),
    v,
    int16(0)
  );
}

/** A started connection speaking the protocol by hand, to split a sequence as no driver does. */
async function rawConnection(port: number): Promise<{
  socket: Socket;
  rowsUntilReady(): Promise<string[]>;
}> {
  const socket = connectSocket(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  socket.on('data', data => {
    buffer = Buffer.concat([buffer, data]);
    waiter?.();
  });
  /** Reads messages up to ReadyForQuery; answers the text of each DataRow's first column. */
  const rowsUntilReady = async (): Promise<string[]> => {
    const rows: string[] = [];
    for (;;) {
      while (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
        const type = String.fromCharCode(buffer[0]);
        const length = 1 + buffer.readInt32BE(1);
        const body = buffer.subarray(5, length);
        buffer = buffer.subarray(length);
        if (type === 'D')
          rows.push(body.subarray(6, 6 + body.readInt32BE(2)).toString());
        if (type === 'E') throw new Error(body.toString());
        if (type === 'Z') return rows;
      }
      await new Promise<void>(resolve => (waiter = resolve));
    }
  };
  await new Promise(resolve => socket.once('connect', resolve));
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
  socket.write(
    Buffer.concat([int32(params.length + 8), int32(196608), params])
  );
  await rowsUntilReady();
  return { socket, rowsUntilReady };
}
