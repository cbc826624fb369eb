/** The Hub Champion admin console: `{prefix}/api/admin/...`, every route for `hub-champion` only. */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.js';
import { routeDeclarer, type RouteDeclaration } from '../../http-route.js';
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

/** A console route's declaration: every one is for `hub-champion` and answers the same refusals. */
type ConsoleRoute = Omit<RouteDeclaration, 'who' | 'errors'>;

const champions = ['hub-champion'] as const;
// The console's refusals and the hub's: 502 when it answers unexpectedly, 503 when it cannot be reached.
const refusals = [400, 404, 409, 502, 503] as const;

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
  const ok = { ok: true as const };
  const declare = routeDeclarer(app, ['admin']);
  /** The options of a console route: for `hub-champion`, answering the console's refusals. */
  const route = <D extends ConsoleRoute>(declaration: D) =>
    declare({ ...declaration, who: champions, errors: refusals });

  app.get(
    '/users',
    route({
      summary: "A page of the hub's users",
      querystring: UserListQuerySchema,
      response: UserPageSchema
    }),
    async request => admin.listUsers(request.query)
  );

  app.get(
    '/users/names',
    route({
      summary:
        'Every user name matching the filters (for bulk actions on all that match)',
      querystring: UserNamesQuerySchema,
      response: UserNamesSchema
    }),
    async request => admin.userNames(request.query)
  );

  app.post(
    '/users',
    route({
      summary: 'Preview, or with confirm create, users from pasted names',
      body: AddUsersBodySchema,
      response: AddUsersResultSchema
    }),
    async request => admin.addUsers(request.user.sub, request.body)
  );

  app.patch(
    '/users/:name',
    route({
      summary: 'Rename a user (never an admin; admin rights are refused)',
      params: UserParamsSchema,
      body: UserEditBodySchema,
      response: AdminUserSchema
    }),
    async request =>
      admin.editUser(request.user.sub, request.params.name, request.body)
  );

  app.delete(
    '/users/:name',
    route({
      summary: 'Delete a user (their files are kept)',
      params: UserParamsSchema,
      response: OkSchema
    }),
    async request => {
      await admin.deleteUser(request.user.sub, request.params.name);
      return ok;
    }
  );

  app.delete(
    '/users/:name/server',
    route({
      summary: "Stop a user's default server",
      params: UserParamsSchema,
      response: ServerActionSchema
    }),
    async request => admin.stopServer(request.user.sub, request.params.name, '')
  );

  app.delete(
    '/users/:name/servers/:server',
    route({
      summary:
        "Stop a user's named server, or with remove=true delete a stopped one",
      params: NamedServerParamsSchema,
      querystring: ServerRemoveQuerySchema,
      response: ServerActionSchema
    }),
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
    declaration: Omit<ConsoleRoute, 'summary' | 'params'>,
    handler: (
      request: FastifyRequest,
      reply: FastifyReply,
      name: string,
      server: string
    ) => Promise<unknown>
  ) => {
    const twins = [
      ['/users/:name/server', UserParamsSchema, summaries[0]],
      ['/users/:name/servers/:server', NamedServerParamsSchema, summaries[1]]
    ] as const;
    for (const [prefix, params, summary] of twins) {
      app.route({
        method,
        url: `${prefix}${path}`,
        ...route({ ...declaration, summary, params }),
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

  for (const [path, verb, act] of [
    ['', 'Start', admin.startServer],
    ['/restart', 'Restart', admin.restartServer]
  ] as const) {
    forEachServer(
      'POST',
      path,
      [`${verb} a user's default server`, `${verb} a user's named server`],
      { response: ServerActionSchema },
      async (request, _reply, name, server) =>
        act(request.user.sub, name, server)
    );
  }

  // The hub's spawn progress as server-sent events, relayed as the hub sends them.
  forEachServer(
    'GET',
    '/progress',
    [
      "A user's default server's spawn progress (SSE)",
      "A named server's spawn progress (SSE)"
    ],
    { response: Type.String(), produces: ['text/event-stream'] },
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
    { response: SpawnProgressSchema },
    async (_request, _reply, name, server) => admin.latestProgress(name, server)
  );

  app.get(
    '/groups',
    route({
      summary: 'Groups with their member counts and properties',
      querystring: GroupListQuerySchema,
      response: GroupListSchema
    }),
    async request => admin.listGroups(request.query.search)
  );

  // A group, and users in it, are added by POST and taken away by DELETE at one path.
  for (const [method, summary, change] of [
    ['POST', 'Create a group', admin.createGroup],
    ['DELETE', 'Delete a group', admin.deleteGroup]
  ] as const) {
    app.route({
      method,
      url: '/groups/:group',
      ...route({ summary, params: GroupParamsSchema, response: OkSchema }),
      handler: async request => {
        await change(request.user.sub, request.params.group);
        return ok;
      }
    });
  }

  app.put(
    '/groups/:group/properties',
    route({
      summary:
        "Replace a group's properties (they may change its members' servers)",
      params: GroupParamsSchema,
      body: GroupPropertiesBodySchema,
      response: OkSchema
    }),
    async request => {
      await admin.setGroupProperties(
        request.user.sub,
        request.params.group,
        request.body.properties
      );
      return ok;
    }
  );

  for (const [method, summary, change] of [
    ['POST', 'Add users to a group', admin.addMembers],
    ['DELETE', 'Remove users from a group', admin.removeMembers]
  ] as const) {
    app.route({
      method,
      url: '/groups/:group/users',
      ...route({
        summary,
        params: GroupParamsSchema,
        body: GroupMembersBodySchema,
        response: OkSchema
      }),
      handler: async request => {
        await change(
          request.user.sub,
          request.params.group,
          request.body.users
        );
        return ok;
      }
    });
  }

  app.get(
    '/info',
    route({
      summary: 'Hub version, authenticator and features',
      response: HubInfoSchema
    }),
    async () => admin.info()
  );

  app.get(
    '/totals',
    route({
      summary: 'Users, running servers and active users in 24 h, 7 d and 30 d',
      response: HubTotalsSchema
    }),
    async () => admin.totals()
  );

  app.get(
    '/audit',
    route({
      summary: "This hub's audit log, newest first",
      querystring: AuditQuerySchema,
      response: AuditPageSchema
    }),
    async request => admin.listAudit(request.query)
  );

  app.get(
    '/audit/export',
    route({
      summary: "This hub's audit log as CSV (formula-like cells escaped)",
      querystring: AuditQuerySchema,
      response: AuditExportSchema
    }),
    async request => admin.exportAudit(request.query)
  );
};
