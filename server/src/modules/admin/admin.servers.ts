/** The console's server operations: start, stop, restart, delete a named server, and spawn progress. */
import { AppError } from '../../http-errors.js';
import type { AdminContext } from './admin.context.js';
import { SERVER_ACTION_TIMEOUT_MS, serverPath } from './admin.hub.js';
import type { ServerAction, SpawnProgress } from './admin.schemas.js';
import { hubError, lastProgressEvent } from './admin.convert.js';

/** How long the latest-progress read waits for one more event before answering what it has. */
const PROGRESS_IDLE_MS = 300;

/** Server operations over the shared context. */
export function serverOperations(ctx: AdminContext) {
  const { now, refuse, mutate, getUser } = ctx;

  /** Refuses an action on the caller's own server (the console runs in it). */
  async function refuseOwnServer(
    actor: string,
    action: string,
    name: string,
    target: string
  ): Promise<void> {
    if (name === actor) {
      await refuse(
        actor,
        action,
        target,
        new AppError(
          403,
          'forbidden',
          'this console runs on your own server; stop it from File > Hub Control Panel instead'
        )
      );
    }
  }

  /** Waits until a stopping server has stopped (the hub answered 202), up to the server action timeout. */
  async function waitStopped(name: string, server: string): Promise<boolean> {
    const deadline = now() + SERVER_ACTION_TIMEOUT_MS;
    while (now() < deadline) {
      const user = await getUser(name);
      const model = user?.servers?.[server];
      if (!model || (!model.pending && !model.ready)) return true;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    return false;
  }

  /** Opens the hub's spawn-progress stream of a server (`GET .../progress`); 404 when the user is unknown. */
  async function progress(
    name: string,
    server: string,
    signal: AbortSignal
  ): Promise<Response> {
    const response = await ctx.reach(() =>
      ctx.hub().progressStream(`${serverPath(name, server)}/progress`, signal)
    );
    if (response.status !== 200) {
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = { message: text.slice(0, 200) };
      }
      throw hubError(
        { status: response.status, body },
        `the progress of ${name}`
      );
    }
    return response;
  }

  return {
    progress,

    /** Stops then starts a user's server (waiting for a slow stop); never the caller's own. */
    async restartServer(
      actor: string,
      name: string,
      server: string
    ): Promise<ServerAction> {
      const target = server ? `${name}/${server}` : name;
      await refuseOwnServer(actor, 'server.restart', name, target);
      const stop = await mutate(actor, 'server.restart-stop', target, {
        method: 'DELETE',
        path: serverPath(name, server)
      });
      if (stop.status === 202 && !(await waitStopped(name, server))) {
        throw new AppError(
          409,
          'conflict',
          `${target} is still stopping; start it again once it has stopped`
        );
      }
      const start = await mutate(actor, 'server.restart-start', target, {
        method: 'POST',
        path: serverPath(name, server),
        body: {}
      });
      return {
        user: name,
        server,
        status: start.status === 202 ? 'pending' : 'started'
      };
    },

    /** Deletes a stopped named server (the hub forgets it; the user's files are kept). */
    async removeServer(
      actor: string,
      name: string,
      server: string
    ): Promise<ServerAction> {
      const target = `${name}/${server}`;
      const user = await getUser(name);
      const model = user?.servers?.[server];
      if (!user || !model) {
        throw new AppError(
          404,
          'not_found',
          `no server ${server} for ${name} on this hub`
        );
      }
      if (model.ready || model.pending) {
        await refuse(
          actor,
          'server.delete',
          target,
          new AppError(409, 'conflict', `stop ${target} before deleting it`)
        );
      }
      await mutate(actor, 'server.delete', target, {
        method: 'DELETE',
        path: serverPath(name, server),
        body: { remove: true }
      });
      return { user: name, server, status: 'removed' };
    },

    /** The latest progress event of a server: the stream is read until it pauses, then closed. */
    async latestProgress(name: string, server: string): Promise<SpawnProgress> {
      const abort = new AbortController();
      const response = await progress(name, server, abort.signal);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      const deadline = now() + 10 * PROGRESS_IDLE_MS;
      try {
        while (now() < deadline) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const idle = new Promise<null>(resolve => {
            timer = setTimeout(() => resolve(null), PROGRESS_IDLE_MS);
          });
          const chunk = await Promise.race([reader.read(), idle]);
          clearTimeout(timer);
          if (chunk === null || chunk.done) break;
          text += decoder.decode(chunk.value, { stream: true });
        }
      } finally {
        abort.abort();
        await reader.cancel().catch(() => undefined);
      }
      return lastProgressEvent(text);
    },

    /** Starts a user's default ('') or named server. */
    async startServer(
      actor: string,
      name: string,
      server: string
    ): Promise<ServerAction> {
      const answer = await mutate(
        actor,
        'server.start',
        server ? `${name}/${server}` : name,
        { method: 'POST', path: serverPath(name, server), body: {} }
      );
      return {
        user: name,
        server,
        status: answer.status === 202 ? 'pending' : 'started'
      };
    },

    /** Stops a user's default ('') or named server; never the caller's own. */
    async stopServer(
      actor: string,
      name: string,
      server: string
    ): Promise<ServerAction> {
      const target = server ? `${name}/${server}` : name;
      await refuseOwnServer(actor, 'server.stop', name, target);
      const answer = await mutate(actor, 'server.stop', target, {
        method: 'DELETE',
        path: serverPath(name, server)
      });
      return {
        user: name,
        server,
        status: answer.status === 202 ? 'pending' : 'stopped'
      };
    }
  };
}
