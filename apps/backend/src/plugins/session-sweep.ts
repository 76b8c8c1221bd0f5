import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { removeExpiredTrash } from '../repositories/tasks';

/**
 * Deletes expired sessions, stale failed-sign-in rows and deleted tasks past their restore window
 * on a schedule, so no table keeps rows that no longer mean anything (nor the contents of tasks
 * whose user never deletes again). Every replica sweeps; the deletes are idempotent.
 * A failure (the database may be down) is logged and the next run tries again.
 */
export default fp(
  async function sessionSweep(
    app: FastifyInstance,
    { intervalSeconds }: { intervalSeconds: number },
  ) {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;

    async function sweep(): Promise<void> {
      try {
        const sessions = await app.sessions.removeExpired();
        const signInFailures = await app.signInFailures.removeStale();
        const deletedTasks = await removeExpiredTrash(app.database.db);
        app.log.debug(
          { sessions, signInFailures, deletedTasks },
          'swept expired sessions, sign-in failures and deleted tasks',
        );
      } catch (err) {
        app.log.warn({ err }, 'sweeping expired rows failed; the next sweep retries');
      }
    }

    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        running ??= sweep().finally(() => (running = undefined));
      }, intervalSeconds * 1000);
      // The sweep alone never keeps the process alive.
      timer.unref();
    });

    // Before any onClose hook: a sweep under way finishes before the database is closed.
    app.addHook('preClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'session-sweep', dependencies: ['database', 'auth', 'sign-in-throttling'] },
);
