/** When a failed request may be sent again, and how long to wait first. */

/** Statuses that mean "the service or its proxy is briefly unavailable". */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** Backoff parameters. */
export interface IBackoff {
  /** How many times to try again after the first attempt. */
  retries: number;
  /** Delay before the first retry, in ms; doubles at each retry. */
  baseDelayMs: number;
  /** Upper bound of one delay, in ms. */
  maxDelayMs: number;
}

/** Defaults: three retries over roughly 0.25 + 0.5 + 1 seconds. */
export const DEFAULT_BACKOFF: IBackoff = {
  retries: 3,
  baseDelayMs: 250,
  maxDelayMs: 4000
};

/**
 * Whether sending the request twice is harmless.
 *
 * #### Notes
 * A POST carrying an Idempotency-Key is deduplicated by the service, so it counts too.
 */
export function isIdempotent(method: string, headers: Headers): boolean {
  const verb = method.toUpperCase();
  return (
    verb === 'GET' ||
    verb === 'HEAD' ||
    verb === 'OPTIONS' ||
    headers.has('Idempotency-Key')
  );
}

/** Whether a status (0 = no answer) is worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || RETRYABLE_STATUSES.has(status);
}

/**
 * The delay before retry number `attempt` (0-based): exponential, capped, with jitter.
 *
 * #### Notes
 * Half of the delay is random so that every tab of a hub that lost the service at the
 * same moment does not come back at the same moment.
 */
export function backoffDelay(
  attempt: number,
  backoff: IBackoff,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(
    backoff.maxDelayMs,
    backoff.baseDelayMs * 2 ** attempt
  );
  return ceiling / 2 + random() * (ceiling / 2);
}
