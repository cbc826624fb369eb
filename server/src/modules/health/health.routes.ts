/** `GET {prefix}/health` (the process lives) and `GET {prefix}/ready` (the database answers). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const HealthSchema = Type.Object(
  { status: Type.Literal('ok') },
  { additionalProperties: false }
);

const ReadySchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('unready')]),
    database: Type.Union([Type.Literal('up'), Type.Literal('down')])
  },
  { additionalProperties: false }
);

/** Liveness and readiness probes; no authentication. */
export const healthRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness: answers while the process lives',
        tags: ['health'],
        response: { 200: HealthSchema }
      }
    },
    async () => ({ status: 'ok' as const })
  );

  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: the database answers `select 1`',
        tags: ['health'],
        response: { 200: ReadySchema, 503: ReadySchema }
      }
    },
    async (_request, reply) => {
      if (await app.database.ping())
        return { status: 'ready' as const, database: 'up' as const };
      return reply.code(503).send({ status: 'unready', database: 'down' });
    }
  );
};
