/** A scripted fetch for tests: answers in order and records every call. */
import type { IMe } from '../api/types';

/** One recorded call. */
export interface IFetchCall {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

/** A scripted answer: a response to build, or an error to throw (network failure). */
export type FakeAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { error: Error }
  | ((call: IFetchCall, signal: AbortSignal | null) => Promise<Response>);

/** A fetch whose answers are routed by URL suffix, each route answering its queue in order. */
export class FakeFetch {
  /** Every call made, oldest first. */
  readonly calls: IFetchCall[] = [];

  /** Queue answers for URLs ending with `suffix`; the last one repeats when the queue runs out. */
  on(suffix: string, ...answers: FakeAnswer[]): this {
    this._routes.set(suffix, [...(this._routes.get(suffix) ?? []), ...answers]);
    return this;
  }

  /** Calls whose URL ends with `suffix`. */
  callsTo(suffix: string): IFetchCall[] {
    return this.calls.filter(call => call.url.endsWith(suffix));
  }

  /** The function to inject as `fetch`. */
  readonly fetch = async (
    input: RequestInfo | URL,
    init: RequestInit = {}
  ): Promise<Response> => {
    const url = String(input);
    const call: IFetchCall = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials
    };
    this.calls.push(call);
    const suffix = [...this._routes.keys()].find(key => url.endsWith(key));
    const queue = suffix ? this._routes.get(suffix)! : [];
    if (!queue.length) {
      throw new Error(`FakeFetch: no answer for ${url}`);
    }
    const answer = queue.length > 1 ? queue.shift()! : queue[0];
    if (typeof answer === 'function') {
      return answer(call, init.signal ?? null);
    }
    if ('error' in answer) {
      throw answer.error;
    }
    return new Response(
      answer.body === undefined ? null : JSON.stringify(answer.body),
      {
        status: answer.status,
        headers: { 'Content-Type': 'application/json', ...answer.headers }
      }
    );
  };

  private _routes = new Map<string, FakeAnswer[]>();
}

/** A session answer valid for `ttlSeconds` from `now`. */
export function sessionAnswer(
  now: number,
  options: { token?: string; ttlSeconds?: number; name?: string } = {}
): FakeAnswer {
  return {
    status: 200,
    body: {
      token: options.token ?? 'jwt-1',
      expiresAt: new Date(
        now + (options.ttlSeconds ?? 900) * 1000
      ).toISOString(),
      user: me({ name: options.name })
    }
  };
}

/** A user as the service returns it. */
export function me(overrides: { name?: string } = {}): IMe {
  return {
    name: overrides.name ?? 'ana',
    roles: ['member', 'hub-champion'],
    hub: { id: 'hub-a', name: 'Hub A' },
    language: 'es-ES'
  };
}

/** An error answer in the service's JSON shape. */
export function errorAnswer(
  status: number,
  code: string,
  message = code
): FakeAnswer {
  return {
    status,
    body: { statusCode: status, error: 'Error', message, code }
  };
}
