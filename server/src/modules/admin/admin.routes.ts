/** The Hub Champion admin console: `{prefix}/api/admin/...`, every route for `hub-champion` only. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import { errorResponses } from '../../http-errors.js';
import { HubAdminClient } from './admin.hub.js';
import { createAuditRepository } from './admin.repository.js';
import {
  AddUsersBodySchema,
  AddUsersResultSchema,
  AuditExportSchema,
  AuditPageSchema,
  AuditQuerySchema,
  GroupListQuerySchema,
  GroupListSchema,
  GroupMembersBodySchema,
  GroupParamsSchema,
  HubInfoSchema,
  NamedServerParamsSchema,
  OkSchema,
  ServerActionSchema,
  UserListQuerySchema,
  UserPageSchema,
  UserParamsSchema
} from './admin.schemas.js';
import { createAdminService } from './admin.service.js';

/** Admin routes; mounted under `{prefix}/api/admin`. */
export const adminRoutes: FastifyPluginAsyncTypebox<{
  config: Config;
}> = async (app, { config }) => {
  const admin = createAdminService({
    config,
    hub: config.hubApi
      ? new HubAdminClient({ ...config.hubApi, log: app.log })
      : null,
    audit: createAuditRepository(app.db)
  });
  const guard = {
    onRequest: [app.authenticate],
    preHandler: app.requireRole('hub-champion')
  };
  const common = { tags: ['admin'], security: [{ session: [] }] };
  const ok = { ok: true as const };
  const errors = errorResponses(400, 401, 403, 404, 409, 502, 503);

  app.get(
    '/users',
    {
      ...guard,
      schema: {
        ...common,
        summary: "A page of the hub's users",
        querystring: UserListQuerySchema,
        response: { 200: UserPageSchema, ...errors }
      }
    },
    async request => admin.listUsers(request.query)
  );

  app.post(
    '/users',
    {
      ...guard,
      schema: {
        ...common,
        summary: 'Preview, or with confirm create, users from pasted names',
        body: AddUsersBodySchema,
        response: { 200: AddUsersResultSchema, ...errors }
      }
    },
    async request => admin.addUsers(request.user.sub, request.body)
  );

  app.delete(
    '/users/:name',
    {
      ...guard,
      schema: {
        ...common,
        summary: 'Delete a user (their files are kept)',
        params: UserParamsSchema,
        response: { 200: OkSchema, ...errors }
      }
    },
    async request => {
      await admin.deleteUser(request.user.sub, request.params.name);
      return ok;
    }
  );

  app.post(
    '/users/:name/server',
    {
      ...guard,
      schema: {
        ...common,
        summary: "Start a user's default server",
        params: UserParamsSchema,
        response: { 200: ServerActionSchema, ...errors }
      }
    },
    async request =>
      admin.startServer(request.user.sub, request.params.name, '')
  );

  app.delete(
    '/users/:name/server',
    {
      ...guard,
      schema: {
        ...common,
        summary: "Stop a user's default server",
        params: UserParamsSchema,
        response: { 200: ServerActionSchema, ...errors }
      }
    },
    async request => admin.stopServer(request.user.sub, request.params.name, '')
  );

  app.post(
    '/users/:name/servers/:server',
    {
      ...guard,
      schema: {
        ...common,
        summary: "Start a user's named server",
        params: NamedServerParamsSchema,
        response: { 200: ServerActionSchema, ...errors }
      }
    },
    async request =>
      admin.startServer(
        request.user.sub,
        request.params.name,
        request.params.server
      )
  );

  app.delete(
    '/users/:name/servers/:server',
    {
      ...guard,
      schema: {
        ...common,
        summary: "Stop a user's named server",
        params: NamedServerParamsSchema,
        response: { 200: ServerActionSchema, ...errors }
      }
    },
    async request =>
      admin.stopServer(
        request.user.sub,
        request.params.name,
        request.params.server
      )
  );

  app.get(
    '/groups',
    {
      ...guard,
      schema: {
        ...common,
        summary: 'Groups with their member counts',
        querystring: GroupListQuerySchema,
        response: { 200: GroupListSchema, ...errors }
      }
    },
    async request => admin.listGroups(request.query.search)
  );

  app.post(
    '/groups/:group',
    {
      ...guard,
      schema: {
        ...common,
        summary: 'Create a group',
        params: GroupParamsSchema,
        response: { 200: OkSchema, ...errors }
      }
    },
    async request => {
      await admin.createGroup(request.user.sub, request.params.group);
      return ok;
    }
  );

  app.delete(
    '/groups/:group',
    {
      ...guard,
      schema: {
        ...common,
        summary: 'Delete a group',
        params: GroupParamsSchema,
        response: { 200: OkSchema, ...errors }
      }
    },
    async request => {
      await admin.deleteGroup(request.user.sub, request.params.group);
      return ok;
    }
  );

  app.post(
    '/groups/:group/users',
    {
      ...guard,
      schema: {
        ...common,
        summary: 'Add users to a group',
        params: GroupParamsSchema,
        body: GroupMembersBodySchema,
        response: { 200: OkSchema, ...errors }
      }
    },
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
    {
      ...guard,
      schema: {
        ...common,
        summary: 'Remove users from a group',
        params: GroupParamsSchema,
        body: GroupMembersBodySchema,
        response: { 200: OkSchema, ...errors }
      }
    },
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
    {
      ...guard,
      schema: {
        ...common,
        summary: 'Hub version, authenticator and features',
        response: { 200: HubInfoSchema, ...errors }
      }
    },
    async () => admin.info()
  );

  app.get(
    '/audit',
    {
      ...guard,
      schema: {
        ...common,
        summary: "This hub's audit log, newest first",
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors }
      }
    },
    async request => admin.listAudit(request.query)
  );

  app.get(
    '/audit/export',
    {
      ...guard,
      schema: {
        ...common,
        summary: "This hub's audit log as CSV (formula-like cells escaped)",
        querystring: AuditQuerySchema,
        response: { 200: AuditExportSchema, ...errors }
      }
    },
    async request => admin.exportAudit(request.query)
  );
};
