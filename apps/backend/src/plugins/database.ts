import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/client';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    /** True from SIGTERM on: readiness fails so the load balancer stops sending traffic. */
    draining: boolean;
    /** What GET /ready answers and the `todo_api_ready` gauge reports. */
    readiness(): Promise<Readiness>;
  }
}

export interface Readiness {
  ready: boolean;
  database: 'connected' | 'disconnected';
}

/** Decorates the app with an already opened database; closing the app closes it. */
export default fp(
  async function database(app: FastifyInstance, options: { database: Database }) {
    app.decorate('database', options.database);
    app.decorate('draining', false);
    app.decorate('readiness', async (): Promise<Readiness> => {
      const connected = await options.database.ping().then(
        () => true,
        () => false,
      );
      return {
        ready: connected && !app.draining,
        database: connected ? 'connected' : 'disconnected',
      };
    });
    app.addHook('onClose', async () => {
      await options.database.close();
    });
  },
  { name: 'database' },
);
