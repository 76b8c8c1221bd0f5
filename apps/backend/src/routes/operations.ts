import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema, readinessSchema } from '@todo/api-contracts';

/** Probes and metrics live outside /api: they are for the platform, not for users. */
const operationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up (checks no dependency)',
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: 'healthy' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers and the process is not shutting down',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_request, reply) => {
      const connected = await app.database.ping().then(
        () => true,
        () => false,
      );
      const database = connected ? ('connected' as const) : ('disconnected' as const);
      return connected && !app.draining
        ? reply.code(200).send({ status: 'ready', checks: { database } })
        : reply.code(503).send({ status: 'not_ready', checks: { database } });
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)' } },
    async (_request, reply) =>
      reply
        .type(app.metrics.contentType)
        .serializer(String)
        .send(await app.metrics.metrics()),
  );
};

export default operationsRoutes;
