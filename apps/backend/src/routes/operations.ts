import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema, readinessSchema } from '@todo/api-contracts';
import { Gauge } from 'prom-client';

/** Probes live outside /api: they are for the platform, not for users (metrics: metrics-server.ts). */
const operationsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Checked at scrape time rather than remembered from the last probe, so it holds wherever the
  // API runs, probed or not; the chart's TodoApiNotReady alert fires on it.
  new Gauge({
    name: 'todo_api_ready',
    help: 'Whether GET /ready would answer 200 (database reachable, not shutting down): 1 or 0',
    registers: [app.metrics],
    async collect() {
      this.set((await app.readiness()).ready ? 1 : 0);
    },
  });

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
      const { ready, database } = await app.readiness();
      return ready
        ? reply.code(200).send({ status: 'ready', checks: { database } })
        : reply.code(503).send({ status: 'not_ready', checks: { database } });
    },
  );
};

export default operationsRoutes;
