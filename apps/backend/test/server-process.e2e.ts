import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskPage } from '@todo/api-contracts';
import { freePort } from '@todo/testing';
import { createTestDatabase, type TestDatabase } from './helpers/database';
import { createPrivatePostgres } from './helpers/private-postgres';
import { runBundle, startServer, type ServerProcess } from './helpers/server-process';

const PASSWORD = 'correct horse battery';

async function roundTrip(baseUrl: string) {
  const register = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `round-trip-${Date.now()}@example.test`, password: PASSWORD }),
  });
  expect(register.status).toBe(201);
  const cookie = (register.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const created = await fetch(`${baseUrl}/api/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ title: 'From a real process' }),
  });
  expect(created.status).toBe(201);
  const list = await fetch(`${baseUrl}/api/tasks`, { headers: { cookie } });
  expect(
    ((await list.json()) as TaskPage).items.map((task: { title: string }) => task.title),
  ).toEqual(['From a real process']);
  return cookie;
}

/** Starts a POST whose body arrives in two halves; resolves with the status once it completes. */
function slowCreate(baseUrl: string, cookie: string) {
  const body = JSON.stringify({ title: 'Sent slowly', description: 'x'.repeat(500) });
  const half = Math.floor(body.length / 2);
  let finish!: () => void;
  const response = new Promise<number>((resolve, reject) => {
    const req = request(
      `${baseUrl}/api/tasks`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, cookie },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, half));
    finish = () => req.end(body.slice(half));
  });
  return { response, finish: () => finish() };
}

const logLines = (server: { output: string[] }) =>
  server.output.flatMap((line) => {
    try {
      return [JSON.parse(line) as { msg?: string; reqId?: string }];
    } catch {
      return [];
    }
  });

describe.each(['pglite', 'postgres'] as const)('the built server on %s', (kind) => {
  let dataDir: string | undefined;
  let testDatabase: TestDatabase | undefined;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    if (kind === 'pglite') {
      dataDir = mkdtempSync(join(tmpdir(), 'todo-pglite-'));
      env = { PGLITE_DATA_DIR: dataDir };
    } else {
      testDatabase = await createTestDatabase('postgres');
      await testDatabase.database.close();
      env = { DATABASE_URL: testDatabase.url as string, MIGRATE_ON_START: 'false' };
    }
  });
  afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await testDatabase?.dispose();
  });

  it('starts, serves a register/create/list round trip, and logs JSON lines with request ids', async () => {
    server = await startServer(env);
    await roundTrip(server.baseUrl);
    // Metrics only on their own port: the public one answers as for any unknown route.
    const metrics = await fetch(server.metricsUrl);
    expect([metrics.status, await metrics.text()]).toEqual([
      200,
      expect.stringContaining('route="/api/tasks",status_code="201"'),
    ]);
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(404);
    await server.stop();
    const requestLines = logLines(server).filter(
      (line) => line.msg === 'incoming request' || line.msg === 'request completed',
    );
    expect(requestLines.length).toBeGreaterThan(4);
    expect(requestLines.every((line) => typeof line.reqId === 'string')).toBe(true);
  });

  it('on SIGTERM stops accepting, finishes the in-flight request, closes the database and exits 0', async () => {
    const running = await startServer(env);
    const cookie = await roundTrip(running.baseUrl);
    const slow = slowCreate(running.baseUrl, cookie);
    await new Promise((resolve) => setTimeout(resolve, 200));
    running.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // New connections are refused while the old request is still open.
    await expect(fetch(`${running.baseUrl}/health`)).rejects.toThrow();
    slow.finish();
    expect(await slow.response).toBe(201);
    expect(await running.exited).toEqual({ code: 0, signal: null });
    const messages = logLines(running).map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'shutting down: not ready, finishing in-flight requests',
        'shutdown complete',
      ]),
    );
    server = undefined;
  });

  it('keeps accounts and tasks across a restart', async () => {
    const first = await startServer(env);
    const cookie = await roundTrip(first.baseUrl);
    await first.stop();

    const second = await startServer(env);
    try {
      const response = await fetch(`${second.baseUrl}/api/tasks`, { headers: { cookie } });
      const list = (await response.json()) as TaskPage;
      expect(list.items.map((task: { title: string }) => task.title)).toEqual([
        'From a real process',
      ]);
    } finally {
      await second.stop();
    }
  });
});

describe('the bundle as a command', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a whole number between 1 and 65535'],
    [
      { DATABASE_URL: 'mysql://root:hunter2@db/todo' },
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of'],
  ])(
    'refuses to start with bad configuration %j, naming the variable (exit 2)',
    async (env, message) => {
      const run = runBundle(['serve'], env);
      expect((await run.exited).code).toBe(2);
      const output = run.output.join('\n');
      expect(output).toContain('Invalid configuration');
      expect(output).toContain(message);
      expect(output).not.toContain('hunter2');
    },
  );

  it('rejects an unknown command with usage (exit 2)', async () => {
    const run = runBundle(['frobnicate'], {});
    expect((await run.exited).code).toBe(2);
    expect(run.output.join('\n')).toContain('Unknown command "frobnicate"');
  });

  it('migrate applies migrations and is safe to run again, even concurrently', async () => {
    const testDatabase = await createTestDatabase('postgres');
    await testDatabase.database.close();
    try {
      const env = { DATABASE_URL: testDatabase.url as string };
      const runs = [runBundle(['migrate'], env), runBundle(['migrate'], env)];
      expect((await Promise.all(runs.map((run) => run.exited))).map((exit) => exit.code)).toEqual([
        0, 0,
      ]);
      expect((await runBundle(['migrate'], env).exited).code).toBe(0);
    } finally {
      await testDatabase.dispose();
    }
  });
});

describe('migrate with DATABASE_WAIT_TIMEOUT', () => {
  it('waits for a database that starts late, then migrates', async () => {
    const postgres = await createPrivatePostgres();
    postgres.stop();
    try {
      const run = runBundle(['migrate'], {
        DATABASE_URL: postgres.url,
        DATABASE_WAIT_TIMEOUT: '60s',
      });
      while (!run.output.some((line) => line.includes('waiting for the database'))) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      postgres.start();
      expect((await run.exited).code).toBe(0);
      expect(run.output.some((line) => line.includes('migrations applied'))).toBe(true);
    } finally {
      postgres.destroy();
    }
  });

  it('gives up after the timeout with a message naming the wait', async () => {
    const port = await freePort();
    const run = runBundle(['migrate'], {
      DATABASE_URL: `postgres://todo@127.0.0.1:${port}/todo`,
      DATABASE_WAIT_TIMEOUT: '2s',
    });
    expect((await run.exited).code).toBe(1);
    expect(run.output.join('\n')).toContain('The database did not answer within 2s');
  });
});
