import { createPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres';
import { startServer, type ServerProcess } from './helpers/server-process';

async function ready(server: ServerProcess) {
  const response = await fetch(`${server.baseUrl}/ready`);
  return { status: response.status, body: await response.text() };
}

/** The readiness gauge Prometheus scrapes (the chart's TodoApiNotReady alert reads it). */
async function readyGauge(server: ServerProcess) {
  const text = await (await fetch(server.metricsUrl)).text();
  return text.match(/^todo_api_ready (\d+)$/m)?.[1];
}

async function waitFor<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

describe('readiness while PostgreSQL goes away and comes back', () => {
  let postgres: PrivatePostgres;
  let server: ServerProcess;

  beforeAll(async () => {
    postgres = await createPrivatePostgres();
    server = await startServer({ DATABASE_URL: postgres.url });
  });
  afterAll(async () => {
    await server?.stop();
    postgres?.destroy();
  });

  it('answers 503 while the database is stopped and 200 again after, with no restart of the API', async () => {
    const pid = server.child.pid;
    expect(await ready(server)).toEqual({
      status: 200,
      body: '{"status":"ready","checks":{"database":"connected"}}',
    });
    expect(await readyGauge(server)).toBe('1');

    postgres.stop();
    const down = await waitFor(
      () => ready(server),
      (r) => r.status === 503,
    );
    expect(down).toEqual({
      status: 503,
      body: '{"status":"not_ready","checks":{"database":"disconnected"}}',
    });
    // Metrics are still served while the database is away, and say so.
    expect(await readyGauge(server)).toBe('0');
    // Liveness does not depend on the database, so Kubernetes does not restart the pod for it.
    expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);
    // A request that needs the database fails fast with 503 rather than hanging or crashing.
    const register = await fetch(`${server.baseUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'outage@example.test', password: 'correct horse battery' }),
    });
    expect(register.status).toBe(503);
    expect(register.headers.get('retry-after')).toBe('5');
    expect(await register.json()).toMatchObject({
      status: 503,
      detail: 'The database is unavailable; try again shortly',
    });

    postgres.start();
    const up = await waitFor(
      () => ready(server),
      (r) => r.status === 200,
    );
    expect(up).toEqual({
      status: 200,
      body: '{"status":"ready","checks":{"database":"connected"}}',
    });
    expect(await readyGauge(server)).toBe('1');
    expect(server.child.pid).toBe(pid);
    expect(server.child.exitCode).toBeNull();
  });
});
