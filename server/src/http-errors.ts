/** The service's error shape `{statusCode, error, message, code}` and the errors routes throw. */
import { STATUS_CODES } from 'node:http';
import { Type, type Static } from 'typebox';

/** Stable machine codes clients may branch on (docs/architecture.md). */
export type ErrorCode =
  | 'missing_token'
  | 'invalid_token'
  | 'expired_token'
  | 'wrong_scope'
  | 'forbidden'
  | 'hub_unreachable'
  | 'database_unavailable'
  | 'validation'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'conflict'
  | 'admin_protected'
  | 'hub_refused'
  | 'bad_request'
  | 'internal';

/** Every error body. */
export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    code: Type.String()
  },
  {
    description:
      'Every error answer; `code` is stable, `message` is for people.'
  }
);

/** The body of an error answer. */
export type ErrorBody = Static<typeof ErrorSchema>;

/** An error a route means to answer with; the errors plugin turns it into an ErrorBody. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Builds the body for a status, code and message. */
export function errorBody(
  statusCode: number,
  code: string,
  message: string
): ErrorBody {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    code
  };
}

/** Response schemas for the listed error statuses, for a route's `response`. */
export function errorResponses<S extends number>(
  ...statuses: S[]
): Record<S, typeof ErrorSchema> {
  return Object.fromEntries(
    statuses.map(status => [status, ErrorSchema])
  ) as Record<S, typeof ErrorSchema>;
}
