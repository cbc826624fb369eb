/** A route's options from one declaration: who may call it, its schemas and its documented answers. */
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { errorResponses, type ErrorSchema } from './http-errors.js';
import type { Role } from './plugins/auth.js';

/** Who may call a route: anyone with a session, or a holder of one of the roles. */
export type Who = 'signed-in' | readonly Role[];

/** What a route declares; `errors` are its own refusals (401 and, for roles, 403 are added). */
export interface RouteDeclaration {
  summary: string;
  description?: string;
  who: Who;
  /** The success answer, under `status`. */
  response: TSchema;
  /** The success status: 200 unless the route creates something (201). */
  status?: 200 | 201;
  /** Further answers with their own bodies (a repeat's 200 beside a 201, a 429 that says when to retry). */
  answers?: Record<number, TSchema>;
  errors?: readonly number[];
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  headers?: TSchema;
  produces?: string[];
}

/** How one module's declarer guards its role routes. */
export interface DeclarerOptions {
  /**
   * Check the role on request, before the body is read and validated, so that a caller without the
   * role learns nothing from the route (not even what its body should be); by default it is checked
   * once the request is validated.
   */
  roleBeforeBody?: boolean;
}

/** The documented answers of a declaration: its success under its status, and its other answers. */
type Answers<D extends RouteDeclaration> = (D extends { status: 201 }
  ? { 201: D['response'] }
  : { 200: D['response'] }) &
  (D extends { answers: infer A } ? A : unknown);

const security = [{ session: [] }];

/** Builds declarations for one module's routes, documented under its `tags`. */
export function routeDeclarer(
  app: FastifyInstance,
  tags: string[],
  { roleBeforeBody = false }: DeclarerOptions = {}
) {
  /** The options for `app.get(path, route({...}), handler)` and the other methods. */
  return function route<D extends RouteDeclaration>(declaration: D) {
    const {
      summary,
      who,
      response,
      status = 200,
      answers = {},
      errors = [],
      ...parts
    } = declaration;
    // Documented from the guards themselves, so a route cannot forget the refusals they answer.
    const refusals = who === 'signed-in' ? [401] : [401, 403];
    const guards =
      who === 'signed-in'
        ? { onRequest: [app.authenticate] }
        : roleBeforeBody
          ? { onRequest: [app.authenticate, app.requireRole(...who)] }
          : {
              onRequest: [app.authenticate],
              preHandler: app.requireRole(...who)
            };
    return {
      ...guards,
      schema: {
        summary,
        tags,
        security,
        ...parts,
        // Typed by its bodies: the handler may answer any of them (every error has the one shape).
        response: {
          [status]: response,
          ...answers,
          ...errorResponses(...refusals, ...errors)
        } as Answers<D> & { 401: typeof ErrorSchema }
      }
    };
  };
}
