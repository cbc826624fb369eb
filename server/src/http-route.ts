/** A route's options from one declaration: who may call it, its schemas and its documented answers. */
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { errorResponses } from './http-errors.js';
import type { Role } from './plugins/auth.js';

/** Who may call a route: anyone with a session, or a holder of one of the roles. */
export type Who = 'signed-in' | readonly Role[];

/** What a route declares; `errors` are its own refusals (401 and, for roles, 403 are added). */
export interface RouteDeclaration {
  summary: string;
  who: Who;
  /** The 200 answer. */
  response: TSchema;
  errors?: readonly number[];
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  produces?: string[];
}

const security = [{ session: [] }];

/** Builds declarations for one module's routes, documented under its `tags`. */
export function routeDeclarer(app: FastifyInstance, tags: string[]) {
  /** The options for `app.get(path, route({...}), handler)` and the other methods. */
  return function route<D extends RouteDeclaration>(declaration: D) {
    const { summary, who, response, errors = [], ...parts } = declaration;
    // Documented from the guards themselves, so a route cannot forget the refusals they answer.
    const refusals = who === 'signed-in' ? [401] : [401, 403];
    return {
      onRequest: [app.authenticate],
      ...(who === 'signed-in' ? {} : { preHandler: app.requireRole(...who) }),
      schema: {
        summary,
        tags,
        security,
        ...parts,
        response: {
          200: response as D['response'],
          ...errorResponses(...refusals, ...errors)
        }
      }
    };
  };
}
