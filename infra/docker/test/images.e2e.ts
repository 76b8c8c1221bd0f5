import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { freePort, waitUntilOk } from '@todo/testing';
import { builtImage as tagOf } from './built-image';

const ADMIN_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://todo_test:todo_test@127.0.0.1:5432/postgres';
const docker = (...args: string[]) =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The UIDs of every process in a container. */
const processUids = (container: string) =>
  docker('top', container, '-o', 'pid,uid')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/)[1]);

/** How every container here runs: read-only root, no capabilities, no privilege gain. */
const HARDENED = ['--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges'];

/** Every container a test starts, removed after the file even when a test fails midway. */
const started: string[] = [];
function startContainer(...args: string[]): string {
  const id = docker('run', '-d', ...args);
  started.push(id);
  return id;
}
afterAll(() => {
  for (const id of started) execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
});

/** `docker stop` timing and exit code: the process must end cleanly on SIGTERM as PID 1. */
function stopAndMeasure(container: string) {
  const started = Date.now();
  docker('stop', '--time', '10', container);
  const seconds = (Date.now() - started) / 1000;
  const exitCode = Number(docker('inspect', '-f', '{{.State.ExitCode}}', container));
  return { seconds, exitCode };
}

/** Size limit, user, ports, OCI labels, and nothing to exec but node. */
function expectHardened(image: string, maxMegabytes: number, ports = ['3000/tcp']) {
  expect(Number(docker('image', 'inspect', '-f', '{{.Size}}', image)) / 1e6).toBeLessThanOrEqual(
    maxMegabytes,
  );
  const config = JSON.parse(docker('image', 'inspect', '-f', '{{json .Config}}', image));
  expect(config.User).toBe('10001:10001');
  expect(Object.keys(config.ExposedPorts)).toEqual(ports);
  expect(config.Labels['org.opencontainers.image.source']).toBeTruthy();
  // The version is the content-addressed tag; no revision or date label, which a reused
  // (unchanged) image would carry from an older commit.
  expect(config.Labels['org.opencontainers.image.version']).toBe(image.split(':').pop());
  expect(config.Labels).not.toHaveProperty(['org.opencontainers.image.revision']);
  expect(config.Labels).not.toHaveProperty(['org.opencontainers.image.created']);
  // No shell, no package manager: nothing to exec but node itself.
  for (const tool of ['/bin/sh', '/usr/bin/apt-get', '/usr/bin/npm', '/nodejs/bin/npm']) {
    expect(() => docker('run', '--rm', '--entrypoint', tool, image, '--version')).toThrow();
  }
}

describe('todo-backend image', () => {
  const image = tagOf('backend');
  const database = `todo_image_${Date.now()}`;
  let url: string;

  beforeAll(async () => {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const target = new URL(ADMIN_URL);
    target.pathname = `/${database}`;
    url = target.toString();
  });
  afterAll(async () => {
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  it('is small, labelled, non-root and has no shell or package manager', () => {
    // The API, and Prometheus metrics on a port of their own.
    expectHardened(image, 150, ['3000/tcp', '9464/tcp']);
  });

  it('serves health, readiness and a register/create/list round trip on real PostgreSQL, read-only, as UID 10001, and stops cleanly', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    // Host networking keeps every connection on loopback: PostgreSQL and the published port.
    const container = startContainer(
      ...HARDENED,
      '--network',
      'host',
      '--tmpfs',
      '/tmp',
      '-e',
      'HOST=127.0.0.1',
      '-e',
      `PORT=${port}`,
      '-e',
      `METRICS_PORT=${metricsPort}`,
      '-e',
      `DATABASE_URL=${url}`,
      image,
    );
    const base = `http://127.0.0.1:${port}`;
    await waitUntilOk(`${base}/ready`, {
      timeoutMs: 20_000,
      gaveUp: () => docker('logs', container),
    });
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'healthy' });
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({
      status: 'ready',
      checks: { database: 'connected' },
    });

    const register = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'image@example.test', password: 'correct horse battery' }),
    });
    expect(register.status).toBe(201);
    const cookie = (register.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const created = await fetch(`${base}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'From the container' }),
    });
    expect(created.status).toBe(201);
    const list = (await (await fetch(`${base}/api/tasks`, { headers: { cookie } })).json()) as {
      items: { title: string }[];
    };
    expect(list.items.map((task: { title: string }) => task.title)).toEqual(['From the container']);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/route="\/api\/tasks",status_code="201"/);

    expect(processUids(container)).toEqual(['10001']);
    const { seconds, exitCode } = stopAndMeasure(container);
    expect(exitCode).toBe(0);
    expect(seconds).toBeLessThan(2);
  });

  it('says which variable is missing when started without a database', () => {
    let output = '';
    try {
      docker('run', '--rm', '--network', 'none', image);
    } catch (error) {
      output = String((error as { stderr?: string }).stderr);
    }
    expect(output).toContain('DATABASE_URL: required here');
  });
});

describe('todo-frontend image', () => {
  const image = tagOf('frontend');

  it('is small, labelled, non-root and has no shell or package manager', () => {
    expectHardened(image, 190);
  });

  it('answers /api/health and renders sign-in with APP_TITLE from its environment, read-only, and stops cleanly', async () => {
    const port = await freePort();
    const container = startContainer(
      '-p',
      `127.0.0.1:${port}:3000`,
      ...HARDENED,
      '--tmpfs',
      '/app/apps/frontend/.next/cache:uid=10001,gid=10001',
      '--tmpfs',
      '/tmp',
      '-e',
      'APP_TITLE=Container Title',
      '-e',
      'BACKEND_URL=http://127.0.0.1:9',
      image,
    );
    const base = `http://127.0.0.1:${port}`;
    await waitUntilOk(`${base}/api/health`, {
      timeoutMs: 20_000,
      gaveUp: () => docker('logs', container),
    });
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
    const page = await (await fetch(`${base}/signin`)).text();
    expect(page).toContain('<title>Sign in · Container Title</title>');
    expect(processUids(container)).toEqual(['10001']);
    const { seconds, exitCode } = stopAndMeasure(container);
    expect(exitCode).toBe(0);
    expect(seconds).toBeLessThan(2);
  });
});
