/** Tells "the database is unreachable" apart from other database errors. */

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN'
]);

// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
const SQLSTATE_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);

const MESSAGE_PATTERNS = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection ended/i,
  /Cannot use a pool after calling end/i,
  /database did not answer/i
];

/** True when the error means the database cannot be reached now (so 503, and it may come back). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLSTATE_UNAVAILABLE.has(code)) return true;
    // Class 08: connection exception.
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (MESSAGE_PATTERNS.some(pattern => pattern.test(error.message)))
    return true;
  // AggregateError from dual-stack connects, and errors wrapped by callers.
  const nested =
    (error as { errors?: unknown[]; cause?: unknown }).errors ?? [];
  return [...nested, (error as { cause?: unknown }).cause].some(
    isConnectionError
  );
}
