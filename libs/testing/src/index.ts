import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers 2xx. `gaveUp` explains a failure (e.g. the server's output) and
 * `stillRunning` lets the caller stop early when the process under test has exited.
 */
export async function waitUntilOk(
  url: string,
  options: { timeoutMs?: number; gaveUp?: () => string; stillRunning?: () => boolean } = {},
): Promise<void> {
  const { timeoutMs = 30_000, gaveUp = () => '', stillRunning = () => true } = options;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!stillRunning())
      throw new Error(`${url}: the process exited before answering\n${gaveUp()}`);
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms\n${gaveUp()}`);
}

/**
 * The date `offsetDays` from today in this machine's time zone, as `YYYY-MM-DD`: what a date
 * input in a browser on this machine takes and shows.
 */
export function localIsoDate(offsetDays = 0): string {
  const day = new Date();
  day.setDate(day.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
