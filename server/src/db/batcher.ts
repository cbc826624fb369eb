/**
 * Group writes: rows that callers hand in while earlier statements are still running go to the
 * database together, as one statement and one commit.
 *
 * A busy hub's submissions each cost the database a statement, a commit and a round trip; most of
 * that is the same for one row as for fifty. While fewer than `maxInFlight` statements run, a row is
 * sent at once (no wait when the hub is quiet); after that, rows queue and the next free slot takes
 * all of them. Every caller still waits for its own statement's commit, so an acknowledged write
 * is a committed one.
 */

/** What a batcher needs. */
export interface BatcherOptions<I, O> {
  /** Writes these inputs as one statement; answers one output per input, in their order. */
  run(inputs: I[]): Promise<O[]>;
  /** At most this many inputs in one statement. */
  maxBatch?: number;
  /** At most this many statements at a time; later inputs queue for the next free one. */
  maxInFlight?: number;
  /** Inputs with the same key never share a statement (an upsert must not touch a row twice). */
  keyOf?(input: I): string;
  /**
   * Whether a failed statement of several inputs is sent again one input at a time, so one bad row
   * fails only its own caller. Only for failures that certainly wrote nothing: by default, errors
   * PostgreSQL reported for the data (classes 22 and 23), never a lost connection.
   */
  retryAlone?(error: unknown): boolean;
}

/** A batcher: `add` writes one input with whatever else is waiting and answers its output. */
export interface Batcher<I, O> {
  add(input: I): Promise<O>;
  /** Queues several inputs at once, so that they can share a statement; answers each one's output. */
  addAll(inputs: I[]): Promise<O>[];
}

interface Waiting<I, O> {
  input: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/** True for PostgreSQL's data and constraint errors, which reject the whole statement and write nothing. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    code.length === 5 &&
    (code.startsWith('22') || code.startsWith('23'))
  );
}

/** Makes a batcher over `run` (see the module comment). */
export function createBatcher<I, O>(
  options: BatcherOptions<I, O>
): Batcher<I, O> {
  const maxBatch = options.maxBatch ?? 64;
  const maxInFlight = options.maxInFlight ?? 1;
  const retryAlone = options.retryAlone ?? isDataError;
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;

  /** The oldest waiting inputs, up to maxBatch, no two with one key; the rest keep their order. */
  function take(): Waiting<I, O>[] {
    if (!options.keyOf) return queue.splice(0, maxBatch);
    const batch: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < queue.length && batch.length < maxBatch;) {
      const key = options.keyOf((queue[i] as Waiting<I, O>).input);
      if (keys.has(key)) {
        i++;
        continue;
      }
      keys.add(key);
      batch.push(...queue.splice(i, 1));
    }
    return batch;
  }

  async function send(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outputs = await options.run(batch.map(w => w.input));
      if (outputs.length !== batch.length) {
        throw new Error(
          `batcher: ${outputs.length} outputs for ${batch.length} inputs`
        );
      }
      batch.forEach((w, i) => w.resolve(outputs[i] as O));
    } catch (error) {
      if (batch.length > 1 && retryAlone(error)) {
        for (const w of batch) await send([w]);
      } else {
        for (const w of batch) w.reject(error);
      }
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = take();
      inFlight++;
      void send(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  const enqueue = (input: I) =>
    new Promise<O>((resolve, reject) => queue.push({ input, resolve, reject }));

  return {
    add(input: I): Promise<O> {
      const output = enqueue(input);
      pump();
      return output;
    },
    addAll(inputs: I[]): Promise<O>[] {
      const outputs = inputs.map(enqueue);
      pump();
      return outputs;
    }
  };
}
