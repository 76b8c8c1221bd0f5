/**
 * Polls `url` every `intervalMs` until it answers 2xx. `gaveUp` explains a failure (e.g. the
 * server's output) and `stillRunning` lets the caller stop early when the process under test has
 * exited.
 */
export async function waitUntilOk(
  url: string,
  options: {
    timeoutMs?: number;
    intervalMs?: number;
    gaveUp?: () => string;
    stillRunning?: () => boolean;
  } = {},
): Promise<void> {
  const {
    timeoutMs = 30_000,
    intervalMs = 50,
    gaveUp = () => '',
    stillRunning = () => true,
  } = options;
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
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms\n${gaveUp()}`);
}
