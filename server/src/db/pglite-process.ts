/** Supervises the PGlite child process: start on a free loopback port, wait until it answers, stop. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensurePrivateDir } from './private-dir.js';
import { silentLogger, type Logger } from '../logger.js';
import type { PgliteChildMessage } from './pglite-child.js';

/** How to run the embedded database. */
export interface PgliteProcessOptions {
  /** Parent directory, made 0700; the data lives in its `pgdata` folder. */
  dataDir: string;
  /** Fixed port, e.g. to come back on the same one after a stop; 0 picks a free one. */
  port?: number;
  maxConnections?: number;
  startTimeoutMs?: number;
  log?: Logger;
}

// From source (tsx) the child is a .ts file and needs tsx's loader; from dist it is plain .js.
const fromSource = import.meta.url.endsWith('.ts');
const childPath = fileURLToPath(
  new URL(
    fromSource ? './pglite-child.ts' : './pglite-child.js',
    import.meta.url
  )
);

/** One PGlite child; `start` again after `stop` reuses the same port and data. */
export class PgliteProcess {
  private child: ChildProcess | null = null;
  private port: number;
  /** True between start() and stop(): a child that exits meanwhile has crashed. */
  private running = false;
  private restartDelayMs = 500;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly log: Logger;
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGTERM');
  };

  constructor(private readonly options: PgliteProcessOptions) {
    this.port = options.port ?? 0;
    this.log = options.log ?? silentLogger;
  }

  /** The connection string, valid once started. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** The directory holding PostgreSQL's files. */
  get pgdata(): string {
    return join(this.options.dataDir, 'pgdata');
  }

  /** Starts the child and resolves once it accepts connections. */
  async start(): Promise<string> {
    if (this.child) return this.url;
    this.running = true;
    await ensurePrivateDir(this.options.dataDir);
    // stop() may have been called while a restart was on its way.
    if (!this.running)
      throw new Error('embedded database was stopped while starting');
    const started = Date.now();
    const child = fork(childPath, [], {
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      env: {
        ...process.env,
        CATALYST_PGLITE_DIR: this.pgdata,
        CATALYST_PGLITE_PORT: String(this.port),
        CATALYST_PGLITE_MAX_CONNECTIONS: String(
          this.options.maxConnections ?? 8
        )
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    });
    this.child = child;
    this.forwardOutput(child);
    // If this process ends without stop(), the child must not be left behind.
    process.on('exit', this.killOnExit);
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      process.off('exit', this.killOnExit);
      this.log.error(
        { code, signal },
        'embedded database process exited unexpectedly'
      );
      if (this.running) this.scheduleRestart();
    });
    try {
      this.port = await this.waitForListening(child);
      await this.waitForConnections();
    } catch (error) {
      await this.stopChild();
      throw error;
    }
    this.restartDelayMs = 500;
    this.log.info(
      {
        pgdata: this.pgdata,
        port: this.port,
        childPid: child.pid,
        ms: Date.now() - started
      },
      'embedded database (PGlite) started'
    );
    return this.url;
  }

  /** Stops the child gracefully (SIGKILL after a grace period). */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    await this.stopChild();
  }

  private async stopChild(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    process.off('exit', this.killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>(resolve =>
      child.once('exit', () => resolve())
    );
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 6000);
    await exited;
    clearTimeout(timer);
    this.log.info({ port: this.port }, 'embedded database stopped');
  }

  /** The child's process id, while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Brings a crashed child back on the same port, backing off while it keeps failing. */
  private scheduleRestart(): void {
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(delay * 2, 30000);
    this.restartTimer = setTimeout(() => {
      this.log.warn({ port: this.port }, 'restarting the embedded database');
      this.start().catch(error => {
        this.log.error({ err: error }, 'embedded database restart failed');
        if (this.running && !this.child) this.scheduleRestart();
      });
    }, delay);
    // A pending restart must not keep a finished process alive.
    this.restartTimer.unref();
  }

  private forwardOutput(child: ChildProcess): void {
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', line =>
        this.log.debug({ pglite: line }, 'embedded database output')
      );
    }
    if (child.stderr) {
      createInterface({ input: child.stderr }).on('line', line =>
        this.log.warn({ pglite: line }, 'embedded database error output')
      );
    }
  }

  private waitForListening(child: ChildProcess): Promise<number> {
    const timeoutMs = this.options.startTimeoutMs ?? 60000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          done(
            new Error(`embedded database did not start within ${timeoutMs} ms`)
          ),
        timeoutMs
      );
      const onMessage = (message: PgliteChildMessage): void => {
        if (message.type === 'listening') done(null, message.port);
        else
          done(
            new Error(`embedded database failed to start: ${message.message}`)
          );
      };
      const onExit = (code: number | null): void =>
        done(new Error(`embedded database exited during start (code ${code})`));
      const done = (error: Error | null, port?: number): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve(port as number);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  private async waitForConnections(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 50; attempt++) {
      const client = new pg.Client({
        connectionString: this.url,
        connectionTimeoutMillis: 2000
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('select 1');
        return;
      } catch (error) {
        lastError = error;
        await new Promise(resolve => setTimeout(resolve, 100));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new Error(
      `embedded database does not accept connections: ${String(lastError)}`
    );
  }
}
