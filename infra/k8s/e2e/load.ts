import { Agent } from 'node:http';
import type { Reply } from '../test/cluster';

/** One kind of request the load sends; `ok` decides whether its reply counts as served. */
export interface LoadRequest {
  name: string;
  send(agent: Agent): Promise<Reply>;
  ok?(reply: Reply): boolean;
}

export interface LoadResult {
  sent: number;
  failed: number;
  /** Up to 20 failures: request name and what went wrong; a bound reached before the work
   * was done counts as one too. */
  failures: string[];
}

export interface LoadOptions {
  /** Concurrent clients, each on its own keep-alive connection. */
  connections?: number;
  /** Bounds: the load never sends more than this, nor runs longer. */
  maxRequests?: number;
  maxSeconds?: number;
  /** Each client's pause between requests: a steady stream, not a flood of the two cores. */
  pauseMs?: number;
}

/**
 * Sends the requests round-robin from `connections` keep-alive clients while `work` runs, and a
 * second after it (so what happens right after a rollout is measured too). Bounded in count and
 * time. Any non-2xx reply (or one `ok` refuses), connection error or timeout is a failure.
 */
export async function underLoad<T>(
  requests: LoadRequest[],
  work: () => Promise<T>,
  options: LoadOptions = {},
): Promise<{ result: T; load: LoadResult }> {
  const { connections = 8, maxRequests = 30_000, maxSeconds = 240, pauseMs = 0 } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const started = Date.now();
  let stop = false;
  let sent = 0;
  const failures: string[] = [];
  let failed = 0;
  const bound = () => sent >= maxRequests || Date.now() - started > maxSeconds * 1000;

  async function client(offset: number) {
    for (let i = offset; !stop && !bound(); i++) {
      const request = requests[i % requests.length] as LoadRequest;
      sent++;
      try {
        const reply = await request.send(agent);
        const ok = request.ok ? request.ok(reply) : reply.status >= 200 && reply.status < 300;
        if (!ok) {
          failed++;
          if (failures.length < 20)
            failures.push(`${request.name}: ${reply.status} ${reply.body.slice(0, 120)}`);
        }
      } catch (error) {
        failed++;
        if (failures.length < 20) failures.push(`${request.name}: ${(error as Error).message}`);
      }
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  const clients = Array.from({ length: connections }, (_, i) => client(i));
  let result: T;
  try {
    result = await work();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  } finally {
    const bounded = bound();
    stop = true;
    await Promise.all(clients);
    agent.destroy();
    if (bounded && failures.length < 20) failures.push('(the load reached its bound first)');
  }
  return { result, load: { sent, failed, failures } };
}
