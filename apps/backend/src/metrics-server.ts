import Fastify from 'fastify';
import type { Registry } from 'prom-client';
import { commonHeaders } from './lib/transport-errors';
import { sendProblem } from './plugins/problem';

/**
 * Prometheus metrics on a port of their own (METRICS_PORT): the public API port never serves
 * them, and the chart opens this port only to the ServiceMonitor's Prometheus.
 */
export function buildMetricsServer(registry: Registry) {
  const server = Fastify({ logger: false, return503OnClosing: false });
  server.addHook('onSend', async (request, reply) => {
    reply.headers({ ...commonHeaders(String(request.id)), 'cache-control': 'no-store' });
  });
  server.get('/metrics', async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  server.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, 'This port serves only GET /metrics'),
  );
  return server;
}
