import type { Database } from './client';

/**
 * Pings until the database answers, for up to `timeoutSeconds` (0: one try). The API pods'
 * migration init container may start before its database (both come up in the same
 * `helm install`), so it waits rather than crash-looping through the kubelet's backoff.
 */
export async function waitForDatabase(
  database: Pick<Database, 'ping'>,
  timeoutSeconds: number,
  onWait: (reason: string) => void = () => undefined,
  retryDelayMs = 1_000,
): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    try {
      return await database.ping(2_000);
    } catch (error) {
      const reason = (error as Error).message || String(error);
      if (Date.now() >= deadline) {
        throw new Error(`The database did not answer within ${timeoutSeconds}s: ${reason}`);
      }
      onWait(reason);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
  }
}
