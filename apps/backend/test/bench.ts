// Benchmarks the built API bundle on real PostgreSQL and prints figures (it asserts nothing).
// Seeds one user with 1,000 tasks, then drives, with autocannon (64 connections, 10 s each) on this
// machine's loopback: the same page from a bare Fastify + pg route (bench-bare-list.ts), the yardstick
// the list is measured against in the same run; GET /api/tasks?limit=50; POST /api/tasks; and a
// /health flood, watching the API's memory.
// Run from the workspace root (nx run backend:bench does), through tsx with the path aliases:
//   TSX_TSCONFIG_PATH=tsconfig.base.json node --import tsx apps/backend/test/bench.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { BACKEND_BUNDLE, WORKSPACE_ROOT, freePort, runProcess, startProcess } from '@todo/testing';

const BUNDLE = BACKEND_BUNDLE;
const ADMIN_URL =
  process.env['BENCH_DATABASE_URL'] ??
  process.env['TEST_DATABASE_URL'] ??
  'postgres://todo_test:todo_test@127.0.0.1:5432/postgres';
const DATABASE = 'todo_bench';
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 64);
const DURATION_S = Number(process.env['BENCH_DURATION'] ?? 10);
const LOG_LEVEL = process.env['BENCH_LOG_LEVEL'] ?? 'info';
// The API runs with the image's NODE_OPTIONS (its heap cap), so its speed and memory are the pod's.
const IMAGE_NODE_OPTIONS =
  /^ENV NODE_OPTIONS="([^"]*)"/m.exec(
    readFileSync(join(WORKSPACE_ROOT, 'infra/docker/backend.Dockerfile'), 'utf8'),
  )?.[1] ?? '';

const step = (message: string) => console.log(` • ${message}`);
const fail = (message: string): never => {
  console.error(` ✗ ${message}`);
  process.exit(1);
};

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const rssMiB = (pid: number, field: string) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
};

/** CPU time (user + system) a process has used, in milliseconds. */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function recreateDatabase() {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin
    .connect()
    .catch((error: Error) =>
      fail(`PostgreSQL not reachable (${error.message}); run tools/test-services/postgres.sh`),
    );
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
}

async function startApi(port: number) {
  const base = `http://127.0.0.1:${port}`;
  // Its request log (stdout) is dropped and stderr shown: reading the log would load the machine.
  const api = await startProcess(process.execPath, [BUNDLE, 'serve'], {
    env: {
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      NODE_OPTIONS: IMAGE_NODE_OPTIONS,
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl(DATABASE),
      LOG_LEVEL,
      AUTH_RATE_LIMIT_MAX: '1000',
      MIGRATE_ON_START: 'false',
    },
    stdout: 'ignore',
    stderr: 'inherit',
    readyUrl: `${base}/ready`,
    intervalMs: 5,
    timeoutMs: 60_000,
  }).catch((error: Error) => fail(`the API did not start: ${error.message}`));
  return { api, base };
}

async function seed(base: string) {
  const credentials = { email: 'bench@example.test', password: 'benchmark password' };
  const post = (path: string, body: object) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('/api/auth/register', credentials);
  const { token, user } = (await (await post('/api/auth/tokens', credentials)).json()) as {
    token: string;
    user: { id: string };
  };
  const client = new Client({ connectionString: databaseUrl(DATABASE) });
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
  return { token, userId: user.id };
}

/** The bare route, on the same database and pool size as the API. */
async function startBareList(userId: string) {
  const port = await freePort();
  const bare = await startProcess(
    process.execPath,
    ['--import', 'tsx', join(WORKSPACE_ROOT, 'apps/backend/test/bench-bare-list.ts')],
    {
      cwd: WORKSPACE_ROOT,
      env: {
        PORT: String(port),
        DATABASE_URL: databaseUrl(DATABASE),
        USER_ID: userId,
        TSX_TSCONFIG_PATH: 'tsconfig.base.json',
      },
      stdout: 'ignore',
      stderr: 'inherit',
      readyUrl: `http://127.0.0.1:${port}/ready`,
      timeoutMs: 60_000,
    },
  ).catch((error: Error) => fail(`the bare route did not start: ${error.message}`));
  return { bare, base: `http://127.0.0.1:${port}` };
}

interface Run {
  title: string;
  result: autocannon.Result;
  /** CPU the serving process used per request, in ms. */
  cpuMsPerRequest: number;
  /** Its highest RSS sampled during the run, in MiB. */
  peakRss: number;
}

/** Drives `pid`'s server for DURATION_S, sampling its CPU time and RSS. */
async function load(title: string, pid: number, options: autocannon.Options): Promise<Run> {
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(pid, 'VmRSS'))), 100);
  const cpuBefore = cpuMs(pid);
  const result = await new Promise<autocannon.Result>((done, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options }, (error, result) =>
      error ? reject(error) : done(result),
    );
  });
  clearInterval(sampler);
  const cpuMsPerRequest = (cpuMs(pid) - cpuBefore) / Math.max(1, result.requests.total);
  return { title, result, cpuMsPerRequest, peakRss };
}

async function main() {
  step(`Bundle ${BUNDLE}, PostgreSQL database ${DATABASE}, LOG_LEVEL=${LOG_LEVEL}`);
  readFileSync(BUNDLE);
  await recreateDatabase();
  const migrate = runProcess(process.execPath, [BUNDLE, 'migrate'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(DATABASE) },
  });
  if ((await migrate.exited).code !== 0) fail(`migrate failed:\n${migrate.output.join('\n')}`);

  const port = await freePort();
  const { api, base } = await startApi(port);
  const pid = api.child.pid as number;
  const { startToReadyMs } = api;
  step(`API ready in ${startToReadyMs.toFixed(0)} ms`);
  const { token, userId } = await seed(base);
  step('Seeded 1 user with 1,000 tasks');
  await new Promise((r) => setTimeout(r, 2000));
  const idleRss = rssMiB(pid, 'VmRSS');

  const lists: Run[] = [];
  const runs: Run[] = [];
  step(`Bare Fastify + pg route for ${DURATION_S} s at ${CONNECTIONS} connections`);
  const { bare, base: bareBase } = await startBareList(userId);
  const barePid = bare.child.pid as number;
  const bareUrl = `${bareBase}/bare/tasks?limit=50`;
  lists.push(await load('bare Fastify + pg, same page, no auth', barePid, { url: bareUrl }));
  await bare.stop();

  const headers = { authorization: `Bearer ${token}` };
  step(`GET /api/tasks?limit=50 for ${DURATION_S} s at ${CONNECTIONS} connections`);
  const listUrl = `${base}/api/tasks?limit=50`;
  lists.push(await load('GET /api/tasks?limit=50', pid, { url: listUrl, headers }));
  step(`POST /api/tasks for ${DURATION_S} s at ${CONNECTIONS} connections`);
  runs.push(
    await load('POST /api/tasks', pid, {
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
  const peakRss = rssMiB(pid, 'VmHWM');
  step(`GET /health flood for ${DURATION_S} s at ${CONNECTIONS} connections, watching RSS`);
  runs.push(await load('GET /health (flood)', pid, { url: `${base}/health` }));
  await api.stop();

  const bareRate = lists[0]?.result.requests.average ?? NaN;
  console.log(
    '\nFigures (this machine: %d cores; load generator, API and PostgreSQL share them; API NODE_OPTIONS="%s")',
    cpus().length,
    IMAGE_NODE_OPTIONS,
  );
  console.log('| scenario | req/s | × bare | p50 ms | p99 ms | CPU ms/req | non-2xx | errors |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const { title, result, cpuMsPerRequest } of [...lists, ...runs]) {
    const rate = result.requests.average;
    const ratio = lists.some((list) => list.title === title) ? (rate / bareRate).toFixed(2) : '';
    console.log(
      `| ${title} | ${rate.toFixed(0)} | ${ratio} | ${result.latency.p50} | ${result.latency.p99} | ${cpuMsPerRequest.toFixed(2)} | ${result.non2xx} | ${result.errors} |`,
    );
  }
  const flood = runs.at(-1) as Run;
  console.log(`| start to first /ready 200 | ${startToReadyMs.toFixed(0)} ms |`);
  console.log(`| idle RSS after start and seed | ${idleRss.toFixed(1)} MiB |`);
  console.log(`| peak RSS under the list and create load | ${peakRss.toFixed(1)} MiB |`);
  console.log(`| peak RSS under /health flood | ${flood.peakRss.toFixed(1)} MiB |`);
  if ([...lists, ...runs].some(({ result }) => result.non2xx > 0 || result.errors > 0))
    fail('some requests failed');
}

main().catch((error: Error) => fail(error.stack ?? String(error)));
