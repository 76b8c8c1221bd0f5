import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import type { Config } from './config';
import { openDatabase } from './db/client';
import { waitForDatabase } from './db/wait-for-database';
import { buildMetricsServer } from './metrics-server';

/** Opens the database, migrates when asked to, listens, and drains cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<void> {
  const database = await openDatabase(config);
  if (config.MIGRATE_ON_START) await database.migrate();
  const app = await buildApp({ config, database });
  const metricsServer = buildMetricsServer(app.metrics);

  closeWithGrace(
    {
      delay: config.SHUTDOWN_TIMEOUT * 1000,
      onTimeout: (delay) =>
        app.log.error(`in-flight requests still running after ${delay} ms; exiting`),
    },
    async ({ signal, err }) => {
      app.draining = true;
      if (err) app.log.error({ err }, 'shutting down after an unexpected error');
      else app.log.info({ signal }, 'shutting down: not ready, finishing in-flight requests');
      await app.close();
      await metricsServer.close();
      app.log.info('shutdown complete');
    },
  );

  await app.listen({ port: config.PORT, host: config.HOST });
  await metricsServer.listen({ port: config.METRICS_PORT, host: config.HOST });
  app.log.info({ database: database.kind, metricsPort: config.METRICS_PORT }, 'ready to serve');
}

/** Applies pending migrations and returns; the Helm chart runs this in an init container. */
export async function migrate(config: Config): Promise<void> {
  const database = await openDatabase(config);
  try {
    await waitForDatabase(database, config.DATABASE_WAIT_TIMEOUT, (reason) =>
      console.log(JSON.stringify({ level: 'info', msg: 'waiting for the database', reason })),
    );
    await database.migrate();
  } finally {
    await database.close();
  }
}
