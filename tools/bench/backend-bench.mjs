#!/usr/bin/env node
// Benchmarks the built API bundle on real PostgreSQL and prints figures (it asserts nothing).
// Seeds one user with 1,000 tasks, then drives GET /api/tasks?limit=50 and POST /api/tasks with
// autocannon (64 connections, 10 s each) on this machine's loopback.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const BUNDLE = resolve('dist/apps/backend/main.js');
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://todo_test:todo_test@127.0.0.1:5432/postgres';
const DATABASE = 'todo_bench';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

const step = (message) => console.log(` • ${message}`);
const fail = (message) => {
  console.error(` ✗ ${message}`);
  process.exit(1);
};

function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const rssMiB = (pid, field) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
};

async function recreateDatabase() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin
    .connect()
    .catch((error) =>
      fail(`PostgreSQL not reachable (${error.message}); run tools/test-services/postgres.sh`),
    );
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
}

async function startApi(port) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [BUNDLE, 'serve'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl(DATABASE),
      LOG_LEVEL,
      AUTH_RATE_LIMIT_MAX: '1000',
      MIGRATE_ON_START: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) fail('the API exited during start-up');
    const ok = await fetch(`${base}/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, base, startToReadyMs: Number(process.hrtime.bigint() - started) / 1e6 };
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function seed(base) {
  const credentials = { email: 'bench@example.test', password: 'benchmark password' };
  const post = (path, body) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('/api/auth/register', credentials);
  const { token, user } = await (await post('/api/auth/tokens', credentials)).json();
  const client = new pg.Client({ connectionString: databaseUrl(DATABASE) });
  await client.connect();
  await client.query(
    `insert into tasks (user_id, title, description, priority, tags, due_date, created_at, updated_at)
     select $1, 'Task ' || i, case when i % 3 = 0 then 'Details of task ' || i end,
            (array['low','medium','high'])[1 + i % 3]::task_priority, array['tag' || (i % 7)],
            date '2027-01-01' + (i % 90), now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
     from generate_series(1, 1000) as i`,
    [user.id],
  );
  // What autovacuum does shortly after a bulk insert; measures the steady state, not the first minute.
  await client.query('vacuum analyze tasks');
  await client.end();
  return token;
}

function load(title, options) {
  return new Promise((done, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options }, (error, result) =>
      error ? reject(error) : done({ title, result }),
    );
  });
}

async function main() {
  step(`Bundle ${BUNDLE}, PostgreSQL database ${DATABASE}, LOG_LEVEL=${LOG_LEVEL}`);
  readFileSync(BUNDLE);
  await recreateDatabase();
  const migrate = spawn(process.execPath, [BUNDLE, 'migrate'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(DATABASE) },
    stdio: 'ignore',
  });
  if ((await new Promise((r) => migrate.on('exit', r))) !== 0) fail('migrate failed');

  const port = await freePort();
  const { child, base, startToReadyMs } = await startApi(port);
  step(`API ready in ${startToReadyMs.toFixed(0)} ms`);
  const token = await seed(base);
  step('Seeded 1 user with 1,000 tasks');
  await new Promise((r) => setTimeout(r, 2000));
  const idleRss = rssMiB(child.pid, 'VmRSS');

  const headers = { authorization: `Bearer ${token}` };
  const runs = [];
  step(`GET /api/tasks?limit=50 for ${DURATION_S} s at ${CONNECTIONS} connections`);
  runs.push(await load('GET /api/tasks?limit=50', { url: `${base}/api/tasks?limit=50`, headers }));
  step(`POST /api/tasks for ${DURATION_S} s at ${CONNECTIONS} connections`);
  runs.push(
    await load('POST /api/tasks', {
      url: `${base}/api/tasks`,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Benchmark task',
        priority: 'high',
        tags: ['bench'],
        dueDate: '2027-06-01',
      }),
    }),
  );
  const peakRss = rssMiB(child.pid, 'VmHWM');
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));

  console.log(
    '\nFigures (this machine: %d cores; load generator, API and PostgreSQL share them)',
    (await import('node:os')).cpus().length,
  );
  console.log('| scenario | req/s | p50 ms | p99 ms | non-2xx | errors |');
  console.log('|---|---|---|---|---|---|');
  for (const { title, result } of runs) {
    console.log(
      `| ${title} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${result.errors} |`,
    );
  }
  console.log(`| start to first /ready 200 | ${startToReadyMs.toFixed(0)} ms |`);
  console.log(`| idle RSS after start and seed | ${idleRss.toFixed(1)} MiB |`);
  console.log(`| peak RSS under load | ${peakRss.toFixed(1)} MiB |`);
  if (runs.some(({ result }) => result.non2xx > 0 || result.errors > 0))
    fail('some requests failed');
}

main().catch((error) => fail(error.stack ?? String(error)));
