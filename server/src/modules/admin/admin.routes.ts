/** The Hub Champion admin console: `{prefix}/api/admin/...`, every route for `hub-champion` only. */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { Config } from '../../config.js';
import { errorResponses } from '../../http-errors.js';
import { HubAdminClient } from './admin.hub.js';
import {
  createAuditRepository,
  createTrainingSummaryReader
} from './admin.repository.js';
import {
  AddUsersBodySchema,
  AddUsersResultSchema,
  AdminUserSchema,
  AuditExportSchema,
  AuditPageSchema,
  AuditQuerySchema,
  GroupListQuerySchema,
  GroupListSchema,
  GroupMembersBodySchema,
  GroupParamsSchema,
  GroupPropertiesBodySchema,
  HubInfoSchema,
  HubTotalsSchema,
  NamedServerParamsSchema,
  OkSchema,
  ServerActionSchema,
  ServerRemoveQuerySchema,
  SpawnProgressSchema,
  UserEditBodySchema,
  UserListQuerySchema,
  UserNamesQuerySchema,
  UserNamesSchema,
  UserPageSchema,
  UserParamsSchema
} from './admin.schemas.js';
import { createAdminService } from './admin.service.js';

/** The request parts a route validates (params, querystring, body). */
interface RequestParts {
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
}

/** Admin routes; mounted under `{prefix}/api/admin`. */
export const adminRoutes: FastifyPluginAsyncTypebox<{
  config: Config;
}> = async (app, { config }) => {
  const admin = createAdminService({
    config,
    hub: config.hubApi
      ? new HubAdminClient({ ...config.hubApi, log: app.log })
      : null,
    audit: createAuditRepository(app.db),
    training: createTrainingSummaryReader(app.db),
    log: app.log
  });
  app.addHook('onClose', async () => admin.stopIndex());
  const errors = errorResponses(400, 401, 403, 404, 409, 502, 503);
  const ok = { ok: true as const };

  /** The options every console route shares: session, `hub-champion`, its schemas and error answers. */
  const route = <P extends RequestParts, R extends TSchema>(
    summary: string,
    parts: P,
    answer: R
  ) => ({
    onRequest: [app.authenticate],
    preHandler: app.requireRole('hub-champion'),
    schema: {
      tags: ['admin'],
      security: [{ session: [] }],
      summary,
      ...parts,
      response: { 200: answer, ...errors }
    }
  });
  const user = { params: UserParamsSchema };
  const named = { params: NamedServerParamsSchema };
  const group = { params: GroupParamsSchema };

  app.get(
    '/users',
    route(
      "A page of the hub's users",
      { querystring: UserListQuerySchema },
      UserPageSchema
    ),
    async request => admin.listUsers(request.query)
  );

  app.get(
    '/users/names',
    route(
      'Every user name matching the filters (for bulk actions on all that match)',
      { querystring: UserNamesQuerySchema },
      UserNamesSchema
    ),
    async request => admin.userNames(request.query)
  );

  app.post(
    '/users',
    route(
      'Preview, or with confirm create, users from pasted names',
      { body: AddUsersBodySchema },
      AddUsersResultSchema
    ),
    async request => admin.addUsers(request.user.sub, request.body)
  );

  app.patch(
    '/users/:name',
    route(
      'Rename a user (never an admin; admin rights are refused)',
      { ...user, body: UserEditBodySchema },
      AdminUserSchema
    ),
    async request =>
      admin.editUser(request.user.sub, request.params.name, request.body)
  );

  app.delete(
    '/users/:name',
    route('Delete a user (their files are kept)', user, OkSchema),
    async request => {
      await admin.deleteUser(request.user.sub, request.params.name);
      return ok;
    }
  );

  app.delete(
    '/users/:name/server',
    route("Stop a user's default server", user, ServerActionSchema),
    async request => admin.stopServer(request.user.sub, request.params.name, '')
  );

  app.delete(
    '/users/:name/servers/:server',
    route(
      "Stop a user's named server, or with remove=true delete a stopped one",
      { ...named, querystring: ServerRemoveQuerySchema },
      ServerActionSchema
    ),
    async request => {
      const { name, server } = request.params;
      return request.query.remove
        ? admin.removeServer(request.user.sub, name, server)
        : admin.stopServer(request.user.sub, name, server);
    }
  );

  /**
   * Registers one route for a user's default server and its twin for a named server.
   *
   * #### Notes
   * The default server's paths say `server`, a named server's say `servers/:server`; the handler gets
   * the server's name, '' for the default one, as the hub's API does.
   */
  const forEachServer = (
    method: 'GET' | 'POST',
    path: string,
    summaries: [string, string],
    options: (summary: string, parts: RequestParts) => object,
    handler: (
      request: FastifyRequest,
      reply: FastifyReply,
      name: string,
      server: string
    ) => Promise<unknown>
  ) => {
    const twins = [
      ['/users/:name/server', user, summaries[0]],
      ['/users/:name/servers/:server', named, summaries[1]]
    ] as const;
    for (const [prefix, parts, summary] of twins) {
      app.route({
        method,
        url: `${prefix}${path}`,
        ...options(summary, parts),
        handler: async (request, reply) => {
          const { name, server = '' } = request.params as {
            name: string;
            server?: string;
          };
          return handler(request, reply, name, server);
        }
      });
    }
  };
  const answering =
    (answer: TSchema) => (summary: string, parts: RequestParts) =>
      route(summary, parts, answer);

  forEachServer(
    'POST',
    '',
    ["Start a user's default server", "Start a user's named server"],
    answering(ServerActionSchema),
    async (request, _reply, name, server) =>
      admin.startServer(request.user.sub, name, server)
  );

  forEachServer(
    'POST',
    '/restart',
    ["Restart a user's default server", "Restart a user's named server"],
    answering(ServerActionSchema),
    async (request, _reply, name, server) =>
      admin.restartServer(request.user.sub, name, server)
  );

  // The hub's spawn progress as server-sent events, relayed as the hub sends them.
  forEachServer(
    'GET',
    '/progress',
    [
      "A user's default server's spawn progress (SSE)",
      "A named server's spawn progress (SSE)"
    ],
    (summary, parts) => {
      const base = route(summary, parts, OkSchema);
      return {
        ...base,
        schema: {
          ...base.schema,
          produces: ['text/event-stream'],
          response: { 200: { type: 'string' } as TSchema, ...errors }
        }
      };
    },
    async (request, reply, name, server) => {
      const abort = new AbortController();
      request.raw.once('close', () => abort.abort());
      const stream = await admin.progress(name, server, abort.signal);
      reply.header('content-type', 'text/event-stream');
      reply.header('cache-control', 'no-cache');
      reply.header('x-accel-buffering', 'no');
      return reply.send(
        Readable.fromWeb(stream.body as WebReadableStream).on(
          'error',
          () => undefined
        )
      );
    }
  );

  forEachServer(
    'GET',
    '/progress/latest',
    [
      "The latest spawn-progress event of a user's default server",
      'The latest spawn-progress event of a named server'
    ],
    answering(SpawnProgressSchema),
    async (_request, _reply, name, server) => admin.latestProgress(name, server)
  );

  app.get(
    '/groups',
    route(
      'Groups with their member counts and properties',
      { querystring: GroupListQuerySchema },
      GroupListSchema
    ),
    async request => admin.listGroups(request.query.search)
  );

  app.post(
    '/groups/:group',
    route('Create a group', group, OkSchema),
    async request => {
      await admin.createGroup(request.user.sub, request.params.group);
      return ok;
    }
  );

  app.delete(
    '/groups/:group',
    route('Delete a group', group, OkSchema),
    async request => {
      await admin.deleteGroup(request.user.sub, request.params.group);
      return ok;
    }
  );

  app.put(
    '/groups/:group/properties',
    route(
      "Replace a group's properties (they may change its members' servers)",
      { ...group, body: GroupPropertiesBodySchema },
      OkSchema
    ),
    async request => {
      await admin.setGroupProperties(
        request.user.sub,
        request.params.group,
        request.body.properties
      );
      return ok;
    }
  );

  app.post(
    '/groups/:group/users',
    route(
      'Add users to a group',
      { ...group, body: GroupMembersBodySchema },
      OkSchema
    ),
    async request => {
      await admin.addMembers(
        request.user.sub,
        request.params.group,
        request.body.users
      );
      return ok;
    }
  );

  app.delete(
    '/groups/:group/users',
    route(
      'Remove users from a group',
      { ...group, body: GroupMembersBodySchema },
      OkSchema
    ),
    async request => {
      await admin.removeMembers(
        request.user.sub,
        request.params.group,
        request.body.users
      );
      return ok;
    }
  );

  app.get(
    '/info',
    route('Hub version, authenticator and features', {}, HubInfoSchema),
    async () => admin.info()
  );

  app.get(
    '/totals',
    route(
      'Users, running servers and active users in 24 h, 7 d and 30 d',
      {},
      HubTotalsSchema
    ),
    async () => admin.totals()
  );

  app.get(
    '/audit',
    route(
      "This hub's audit log, newest first",
      { querystring: AuditQuerySchema },
      AuditPageSchema
    ),
    async request => admin.listAudit(request.query)
  );

  app.get(
    '/audit/export',
    route(
      "This hub's audit log as CSV (formula-like cells escaped)",
      { querystring: AuditQuerySchema },
      AuditExportSchema
    ),
    async request => admin.exportAudit(request.query)
  );
};
