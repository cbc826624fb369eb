import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatcher, isDataError } from './batcher.js';

/** A promise with its resolver, to hold a statement open while the test queues more. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => (open = resolve));
  return { open, opened };
}

/** A PostgreSQL error as pg reports it. */
function pgError(code: string): Error {
  return Object.assign(new Error(`error ${code}`), { code, severity: 'ERROR' });
}

describe('createBatcher', () => {
  it('sends a lone input at once, then everything that queued meanwhile as one statement', async () => {
    const batches: number[][] = [];
    const first = gate();
    const batcher = createBatcher<number, number>({
      maxInFlight: 1,
      run: async inputs => {
        batches.push(inputs);
        if (batches.length === 1) await first.opened;
        return inputs.map(n => n * 10);
      }
    });
    const answers = [1, 2, 3, 4].map(n => batcher.add(n));
    first.open();
    assert.deepEqual(await Promise.all(answers), [10, 20, 30, 40]);
    assert.deepEqual(batches, [[1], [2, 3, 4]]);
  });

  it('sends inputs queued together by addAll as one statement, even when nothing is running', async () => {
    const batches: number[][] = [];
    const batcher = createBatcher<number, number>({
      run: async inputs => {
        batches.push(inputs);
        return inputs.map(n => -n);
      }
    });
    assert.deepEqual(
      await Promise.all(batcher.addAll([1, 2, 3])),
      [-1, -2, -3]
    );
    assert.deepEqual(batches, [[1, 2, 3]]);
  });

  it('keeps at most maxInFlight statements running and maxBatch inputs in each', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const batcher = createBatcher<number, number>({
      maxInFlight: 2,
      maxBatch: 3,
      run: async inputs => {
        running++;
        most = Math.max(most, running);
        sizes.push(inputs.length);
        await new Promise(resolve => setTimeout(resolve, 5));
        running--;
        return inputs;
      }
    });
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => batcher.add(i))
    );
    assert.deepEqual(
      all,
      Array.from({ length: 20 }, (_, i) => i)
    );
    assert.equal(most, 2);
    assert.ok(sizes.every(size => size <= 3));
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      20
    );
  });

  it('never puts two inputs with one key in a statement, and keeps the others in order', async () => {
    const batches: string[][] = [];
    const first = gate();
    const batcher = createBatcher<string, string>({
      maxInFlight: 1,
      keyOf: input => input.split(':')[0] as string,
      run: async inputs => {
        batches.push(inputs);
        if (batches.length === 1) await first.opened;
        return inputs;
      }
    });
    const answers = ['a:1', 'a:2', 'b:1', 'a:3', 'c:1'].map(s =>
      batcher.add(s)
    );
    first.open();
    await Promise.all(answers);
    assert.deepEqual(batches, [['a:1'], ['a:2', 'b:1', 'c:1'], ['a:3']]);
  });

  it('sends a statement that failed on bad data again one input at a time: only the bad one fails', async () => {
    const first = gate();
    let calls = 0;
    const batcher = createBatcher<number, number>({
      maxInFlight: 1,
      run: async inputs => {
        calls++;
        if (calls === 1) await first.opened;
        if (inputs.includes(13)) throw pgError('23505');
        return inputs;
      }
    });
    const lone = batcher.add(0);
    const answers = [11, 12, 13, 14].map(n =>
      batcher.add(n).then(
        value => ({ value }),
        (error: Error) => ({ error: error.message })
      )
    );
    first.open();
    assert.equal(await lone, 0);
    assert.deepEqual(await Promise.all(answers), [
      { value: 11 },
      { value: 12 },
      { error: 'error 23505' },
      { value: 14 }
    ]);
  });

  it('fails every caller of a statement whose connection failed, without sending it again', async () => {
    const first = gate();
    let calls = 0;
    const batcher = createBatcher<number, number>({
      maxInFlight: 1,
      run: async inputs => {
        calls++;
        if (calls === 1) {
          await first.opened;
          return inputs;
        }
        // Whether the server committed it is unknown: a second try could write twice.
        throw new Error('Connection terminated unexpectedly');
      }
    });
    const lone = batcher.add(0);
    const answers = [1, 2, 3].map(n =>
      batcher.add(n).catch((error: Error) => error.message)
    );
    first.open();
    await lone;
    assert.deepEqual(await Promise.all(answers), [
      'Connection terminated unexpectedly',
      'Connection terminated unexpectedly',
      'Connection terminated unexpectedly'
    ]);
    assert.equal(calls, 2);
  });

  it('rejects a run that answers the wrong number of outputs, and keeps working', async () => {
    let broken = true;
    const batcher = createBatcher<number, number>({
      run: async inputs => (broken ? [] : inputs)
    });
    await assert.rejects(batcher.add(1), /0 outputs for 1 inputs/);
    broken = false;
    assert.equal(await batcher.add(2), 2);
  });
});

describe('isDataError', () => {
  it("is true only for PostgreSQL's data and constraint errors", () => {
    assert.equal(isDataError(pgError('23505')), true);
    assert.equal(isDataError(pgError('22P02')), true);
    assert.equal(isDataError(pgError('57P01')), false);
    assert.equal(isDataError(pgError('08006')), false);
    assert.equal(isDataError(new Error('ECONNRESET')), false);
    assert.equal(isDataError(null), false);
  });
});
