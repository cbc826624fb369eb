/** Turns every error into `{statusCode, error, message, code}`: bad input is a 4xx, never a 500. */
import type {
  FastifyError,
  FastifyInstance,
  FastifySchemaValidationError
} from 'fastify';
import fp from 'fastify-plugin';
import { isConnectionError } from '../db/connection-errors.js';
import { AppError, errorBody } from '../http-errors.js';

/** Names the field at fault, e.g. "body/language must be string" or "body/user is not allowed". */
export function validationMessage(
  errors: FastifySchemaValidationError[],
  context: string | undefined
): string {
  const error = errors[0];
  if (!error) return `${context ?? 'request'} is invalid`;
  const where = `${context ?? 'request'}${error.instancePath}`;
  const params = error.params as Record<string, unknown>;
  if (
    error.keyword === 'additionalProperties' &&
    typeof params.additionalProperty === 'string'
  ) {
    return `${where}/${params.additionalProperty} is not allowed`;
  }
  if (
    error.keyword === 'required' &&
    typeof params.missingProperty === 'string'
  ) {
    return `${where}/${params.missingProperty} is required`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.statusCode)
        .send(errorBody(error.statusCode, error.code, error.message));
    }
    if (error.validation) {
      const message = validationMessage(
        error.validation,
        error.validationContext
      );
      return reply.code(400).send(errorBody(400, 'validation', message));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send(
          errorBody(
            413,
            'body_too_large',
            'the request body is larger than allowed'
          )
        );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .code(415)
        .send(
          errorBody(
            415,
            'unsupported_media_type',
            'send the body as application/json'
          )
        );
    }
    if (isConnectionError(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .code(503)
        .send(
          errorBody(
            503,
            'database_unavailable',
            'the database is unavailable; try again shortly'
          )
        );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, empty body...): their message is safe to show.
      const code = status === 400 ? 'validation' : 'bad_request';
      return reply.code(status).send(errorBody(status, code, error.message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply
      .code(500)
      .send(
        errorBody(
          500,
          'internal',
          `internal error; quote request id ${request.id} when reporting it`
        )
      );
  });

  // Unknown routes answer in the same JSON shape as every other error, so clients parse one thing.
  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .send(
        errorBody(
          404,
          'not_found',
          `no route ${request.method} ${request.url.split('?')[0]}`
        )
      );
  });
}

export default fp(errorsPlugin, { name: 'errors', fastify: '5.x' });
