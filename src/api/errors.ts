import type { IErrorBody } from './types';

/** An error answered by the service, or a failure to reach it. */
export class ApiError extends Error {
  /** Create an error from an HTTP status, a stable code and a message. */
  constructor(options: ApiError.IOptions) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.retryAfter = options.retryAfter;
  }

  /** HTTP status, or 0 when no answer arrived (network error, timeout). */
  readonly status: number;

  /** Stable machine string from the error body, e.g. `expired_token`. */
  readonly code: string;

  /** Seconds to wait before trying again (a 429's `retryAfter`, else its Retry-After), if given. */
  readonly retryAfter?: number;

  /** Build an error from a non-OK response, reading its JSON body when there is one. */
  static async fromResponse(response: Response): Promise<ApiError> {
    let body: Partial<IErrorBody> = {};
    try {
      body = (await response.json()) as Partial<IErrorBody>;
    } catch {
      // Proxies (the hub's, nginx) answer 502/504 with HTML: keep the status alone.
    }
    return new ApiError({
      status: response.status,
      code:
        typeof body.code === 'string'
          ? body.code
          : Private.fallbackCode(response.status),
      message:
        typeof body.message === 'string' && body.message
          ? body.message
          : response.statusText || `HTTP ${response.status}`,
      retryAfter: Private.seconds(
        body.retryAfter ?? response.headers.get('Retry-After')
      )
    });
  }
}

/** The static namespace of ApiError. */
export namespace ApiError {
  /** Options to build an ApiError. */
  export interface IOptions {
    status: number;
    code: string;
    message: string;
    retryAfter?: number;
  }

  /** Code used when the request never got an answer. */
  export const NETWORK_ERROR = 'network_error';

  /** Code used when the request was aborted after the configured timeout. */
  export const TIMEOUT = 'timeout';

  /** Code used when no service URL can be derived (no hub, no setting). */
  export const NOT_CONFIGURED = 'not_configured';
}

namespace Private {
  /** Whole seconds from a number or a delta-seconds header; an HTTP date or garbage gives none. */
  export function seconds(value: unknown): number | undefined {
    const n =
      typeof value === 'string' && /^\d+$/.test(value.trim())
        ? Number(value)
        : value;
    return typeof n === 'number' && Number.isFinite(n) && n >= 0
      ? Math.ceil(n)
      : undefined;
  }

  /** A code for error answers that carry no JSON body. */
  export function fallbackCode(status: number): string {
    return `http_${status}`;
  }
}
