import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Deletes expired sessions and stale failed-sign-in rows on a schedule, so neither table grows
 * with rows that no longer mean anything. Every replica sweeps; the deletes are idempotent.
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
        app.log.debug({ sessions, signInFailures }, 'swept expired sessions and sign-in failures');
      } catch (err) {
        app.log.warn({ err }, 'sweeping expired sessions failed; the next sweep retries');
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
  { name: 'session-sweep', dependencies: ['auth', 'sign-in-throttling'] },
);
