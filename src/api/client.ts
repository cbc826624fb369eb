import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { ApiError } from './errors';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  IBackoff,
  isIdempotent,
  isRetryableStatus
} from './retry';
import { joinUrl } from './serviceUrl';
import type { ICatalystClient } from '../tokens';
import type { ConnectionState, IMe, ISessionResponse } from './types';

/** Renew the JWT this long before it expires (or halfway, for shorter lifetimes). */
const RENEW_MARGIN_MS = 60_000;

/** The HTTP client of the Catalyst service: session exchange, JWT, retries, state. */
export class CatalystClient implements ICatalystClient, IDisposable {
  /** Create a client; nothing is sent until `connect` or `request` is called. */
  constructor(options: CatalystClient.IOptions) {
    this._baseUrl = options.baseUrl;
    this._pageToken = options.pageToken;
    this._language = options.language;
    // Unbound window.fetch throws "Illegal invocation" in browsers.
    this._fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this._timeoutMs = options.timeoutMs ?? CatalystClient.DEFAULT_TIMEOUT_MS;
    this._backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this._sleep = options.sleep ?? Private.sleep;
    this._random = options.random ?? Math.random;
    this._now = options.now ?? Date.now;
    this._isOnline = options.isOnline ?? Private.navigatorOnline;
    this._state = this._baseUrl ? 'connecting' : 'not-configured';
    this._events =
      options.connectivityEvents === undefined
        ? typeof window === 'undefined'
          ? null
          : window
        : options.connectivityEvents;
    this._events?.addEventListener('offline', this._onOffline);
    this._events?.addEventListener('online', this._onOnline);
  }

  /** The service base URL (ending in '/'), or null when not configured. */
  get serviceUrl(): string | null {
    return this._baseUrl;
  }

  /** How the service is currently reached. */
  get state(): ConnectionState {
    return this._state;
  }

  /** The message of the last failure, or '' after a success. */
  get lastError(): string {
    return this._lastError;
  }

  /** The user of the current session, or null before the first exchange. */
  get user(): IMe | null {
    return this._user;
  }

  /** Emitted when `state` or `lastError` changes. */
  get stateChanged(): ISignal<this, ConnectionState> {
    return this._stateChanged;
  }

  /** Emitted with the user after every successful session exchange (roles may change). */
  get signedIn(): ISignal<this, IMe> {
    return this._signedIn;
  }

  /** Whether the client has been disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Apply new settings; drops the session and reconnects when a URL is known. */
  configure(options: CatalystClient.IConfigureOptions): void {
    if (options.timeoutMs !== undefined) {
      this._timeoutMs = options.timeoutMs;
    }
    if (options.baseUrl === undefined || options.baseUrl === this._baseUrl) {
      return;
    }
    this._baseUrl = options.baseUrl;
    this._session = null;
    this._user = null;
    if (this._baseUrl) {
      // A failure is already reflected in `state`; nobody awaits this call.
      this.connect().catch(() => undefined);
    } else {
      this._setState('not-configured', '');
    }
  }

  /** Exchange the page token for a fresh session and return its user. */
  async connect(): Promise<IMe> {
    this._session = null;
    await this._exchange();
    return this._user as IMe;
  }

  /** The signed-in user as the service sees them now. */
  getMe(): Promise<IMe> {
    return this.request<IMe>('api/me');
  }

  /**
   * Send an authenticated request to a route under the service prefix and parse its JSON.
   *
   * #### Notes
   * GET requests and requests carrying an `Idempotency-Key` header are retried with backoff
   * on network errors and 502/503/504; a 401 triggers one new token exchange and one resend.
   */
  async request<T>(
    path: string,
    init: CatalystClient.IRequestInit = {}
  ): Promise<T> {
    const baseUrl = this._requireBaseUrl();
    const url = joinUrl(baseUrl, path);
    let response = await this._authorizedSend(
      url,
      init,
      await this._validToken()
    );
    if (response.status === 401) {
      // The JWT may have been revoked or expired early (clock skew): exchange once more.
      this._session = null;
      response = await this._authorizedSend(
        url,
        init,
        await this._validToken()
      );
    }
    if (!response.ok) {
      const error = await ApiError.fromResponse(response);
      this._fail(error, false);
      throw error;
    }
    this._setState('connected', '');
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }

  /**
   * Open an authenticated event stream under the service prefix; the caller reads and cancels its body.
   *
   * #### Notes
   * The browser's EventSource cannot send the session's Authorization header, so this is a fetch whose
   * body is read as it arrives. It is not retried and has no timeout: the caller decides what to fall
   * back to, and aborts with `signal`.
   */
  async stream(path: string, signal: AbortSignal): Promise<Response> {
    const url = joinUrl(this._requireBaseUrl(), path);
    const open = async () =>
      this._fetch(url, {
        headers: {
          Authorization: `Bearer ${await this._validToken()}`,
          Accept: 'text/event-stream'
        },
        credentials: 'omit',
        signal
      });
    let response = await open();
    if (response.status === 401) {
      this._session = null;
      response = await open();
    }
    if (!response.ok || !response.body) {
      throw await ApiError.fromResponse(response);
    }
    return response;
  }

  /** Stop listening to connectivity events and drop the session. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._events?.removeEventListener('offline', this._onOffline);
    this._events?.removeEventListener('online', this._onOnline);
    this._session = null;
    Signal.clearData(this);
  }

  private async _authorizedSend(
    url: string,
    init: CatalystClient.IRequestInit,
    token: string
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    let body: string | undefined;
    if (init.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(init.body);
    }
    const method = init.method ?? 'GET';
    try {
      return await this._sendWithRetry(
        url,
        { method, headers, body },
        isIdempotent(method, headers)
      );
    } catch (error) {
      this._fail(error, false);
      throw error;
    }
  }

  private _validToken(): Promise<string> {
    const session = this._session;
    if (session && this._now() < session.renewAt) {
      return Promise.resolve(session.token);
    }
    return this._exchange().then(fresh => fresh.token);
  }

  /** One exchange at a time: concurrent requests share it. */
  private _exchange(): Promise<Private.ISession> {
    if (!this._pendingExchange) {
      this._pendingExchange = this._doExchange().finally(() => {
        this._pendingExchange = null;
      });
    }
    return this._pendingExchange;
  }

  private async _doExchange(): Promise<Private.ISession> {
    const baseUrl = this._requireBaseUrl();
    if (this._state !== 'connected') {
      this._setState('connecting', '');
    }
    const headers = new Headers({ 'Content-Type': 'application/json' });
    const pageToken = this._pageToken();
    if (pageToken) {
      headers.set('Authorization', `token ${pageToken}`);
    }
    let response: Response;
    try {
      // The exchange only reads the hub and stores the language: repeating it is harmless.
      response = await this._sendWithRetry(
        joinUrl(baseUrl, 'api/session'),
        {
          method: 'POST',
          headers,
          body: JSON.stringify({ language: this._language })
        },
        true
      );
    } catch (error) {
      this._fail(error, true);
      throw error;
    }
    if (!response.ok) {
      const error = await ApiError.fromResponse(response);
      this._fail(error, true);
      throw error;
    }
    const body = (await response.json()) as ISessionResponse;
    const session = Private.session(body, response, this._now());
    this._session = session;
    this._user = body.user;
    this._setState('connected', '');
    this._signedIn.emit(body.user);
    return session;
  }

  private async _sendWithRetry(
    url: string,
    init: RequestInit,
    retryable: boolean
  ): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let response: Response | null = null;
      let failure: ApiError | null = null;
      try {
        response = await this._fetchOnce(url, init);
      } catch (error) {
        failure = error as ApiError;
      }
      const status = response ? response.status : 0;
      const again =
        retryable &&
        attempt < this._backoff.retries &&
        isRetryableStatus(status) &&
        // Retrying while the browser knows it is offline only delays the message.
        (status !== 0 || this._isOnline());
      if (!again) {
        if (failure) {
          throw failure;
        }
        return response as Response;
      }
      await this._sleep(backoffDelay(attempt, this._backoff, this._random));
    }
  }

  private async _fetchOnce(url: string, init: RequestInit): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this._timeoutMs);
    try {
      return await this._fetch(url, {
        ...init,
        // The JWT travels in a header; cookies would add nothing but CSRF exposure.
        credentials: 'omit',
        signal: controller.signal
      });
    } catch (error) {
      const timedOut = controller.signal.aborted;
      throw new ApiError({
        status: 0,
        code: timedOut ? ApiError.TIMEOUT : ApiError.NETWORK_ERROR,
        message: timedOut
          ? `No answer within ${this._timeoutMs} ms`
          : error instanceof Error
            ? error.message
            : String(error)
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private _requireBaseUrl(): string {
    if (this._baseUrl) {
      return this._baseUrl;
    }
    const error = new ApiError({
      status: 0,
      code: ApiError.NOT_CONFIGURED,
      message: 'No Catalyst service URL is configured'
    });
    this._fail(error, true);
    throw error;
  }

  /** Map a failure to a connection state; `signingIn` marks a failed token exchange. */
  private _fail(error: unknown, signingIn: boolean): void {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError({
            status: 0,
            code: ApiError.NETWORK_ERROR,
            message: String(error)
          });
    this._setState(Private.stateFor(apiError, signingIn), apiError.message);
  }

  private _setState(state: ConnectionState, lastError: string): void {
    if (state === this._state && lastError === this._lastError) {
      return;
    }
    this._state = state;
    this._lastError = lastError;
    this._stateChanged.emit(state);
  }

  private _onOffline = (): void => {
    this._setState('offline', '');
  };

  private _onOnline = (): void => {
    if (this._state === 'offline' && this._baseUrl) {
      this.connect().catch(() => undefined);
    }
  };

  private _baseUrl: string | null;
  private _pageToken: () => string;
  private _language: string;
  private _fetch: typeof fetch;
  private _timeoutMs: number;
  private _backoff: IBackoff;
  private _sleep: (ms: number) => Promise<void>;
  private _random: () => number;
  private _now: () => number;
  private _isOnline: () => boolean;
  private _events: EventTarget | null;
  private _state: ConnectionState;
  private _lastError = '';
  private _user: IMe | null = null;
  private _session: Private.ISession | null = null;
  private _pendingExchange: Promise<Private.ISession> | null = null;
  private _isDisposed = false;
  private _stateChanged = new Signal<this, ConnectionState>(this);
  private _signedIn = new Signal<this, IMe>(this);
}

/** The static namespace of CatalystClient. */
export namespace CatalystClient {
  /** Default request timeout, matching the `requestTimeoutMs` setting's default. */
  export const DEFAULT_TIMEOUT_MS = 10_000;

  /** Construction options; everything that touches the outside world is injectable. */
  export interface IOptions {
    /** Service base URL ending in '/', or null when not configured. */
    baseUrl: string | null;
    /** Returns the JupyterHub page token (PageConfig.getToken in the app). */
    pageToken: () => string;
    /** JupyterLab's UI language, sent at session time, e.g. `es-ES`. */
    language: string;
    /** The fetch implementation; defaults to the browser's. */
    fetch?: typeof fetch;
    /** Abort a single attempt after this many ms. */
    timeoutMs?: number;
    /** Retry parameters for idempotent requests. */
    backoff?: Partial<IBackoff>;
    /** Wait between retries (tests pass a function that resolves at once). */
    sleep?: (ms: number) => Promise<void>;
    /** Source of jitter in [0, 1). */
    random?: () => number;
    /** Clock in ms since the epoch. */
    now?: () => number;
    /** Whether the browser believes it is online. */
    isOnline?: () => boolean;
    /** Where `online`/`offline` events come from; defaults to window, null for none. */
    connectivityEvents?: EventTarget | null;
  }

  /** Settings that can change while the page is open. */
  export interface IConfigureOptions {
    baseUrl?: string | null;
    timeoutMs?: number;
  }

  /** A request to the service. */
  export interface IRequestInit {
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    /** Serialized as JSON. */
    body?: unknown;
    /** Extra headers, e.g. `Idempotency-Key`. */
    headers?: Record<string, string>;
  }
}

namespace Private {
  /** A service JWT and when to renew it (client clock). */
  export interface ISession {
    token: string;
    renewAt: number;
  }

  /** Build a session, measuring the JWT's lifetime against the server's clock when it says. */
  export function session(
    body: ISessionResponse,
    response: Response,
    now: number
  ): ISession {
    const expiresAt = Date.parse(body.expiresAt);
    const serverNow = Date.parse(response.headers.get('Date') ?? '');
    // A client clock that is off by minutes would otherwise renew on every request.
    const lifetime = Number.isFinite(expiresAt)
      ? Math.max(0, expiresAt - (Number.isFinite(serverNow) ? serverNow : now))
      : 0;
    const margin = Math.min(RENEW_MARGIN_MS, lifetime / 2);
    return { token: body.token, renewAt: now + lifetime - margin };
  }

  /** The connection state a failure implies. */
  export function stateFor(
    error: ApiError,
    signingIn: boolean
  ): ConnectionState {
    if (error.code === ApiError.NOT_CONFIGURED) {
      return 'not-configured';
    }
    if (error.status === 0) {
      return 'offline';
    }
    if (error.status === 401 || error.status === 403) {
      return 'unauthorized';
    }
    if (error.status >= 500 || error.code === 'hub_unreachable') {
      return 'unreachable';
    }
    // Any other answer means the service is up; only a refused sign-in leaves us signed out.
    return signingIn ? 'unauthorized' : 'connected';
  }

  /** Whether navigator reports a connection (true where there is no navigator). */
  export function navigatorOnline(): boolean {
    return typeof navigator === 'undefined' || navigator.onLine !== false;
  }

  /** Resolve after `ms` milliseconds. */
  export function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
  }
}
