/** The slice of a pino logger that code outside Fastify plugins needs, so it runs without an app. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Discards everything; for scripts and tests that do not care. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined
};

/** Pino options for the service: request ids, and credentials never written out. */
export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      // Fastify's request serializer omits headers, but a plugin logging a request must not leak tokens.
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'authorization',
        'token'
      ],
      censor: '[redacted]'
    }
  };
}
