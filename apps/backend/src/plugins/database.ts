import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/client';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    /** True from SIGTERM on: readiness fails so the load balancer stops sending traffic. */
    draining: boolean;
  }
}

/** Decorates the app with an already opened database; closing the app closes it. */
export default fp(
  async function database(app: FastifyInstance, options: { database: Database }) {
    app.decorate('database', options.database);
    app.decorate('draining', false);
    app.addHook('onClose', async () => {
      await options.database.close();
    });
  },
  { name: 'database' },
);
