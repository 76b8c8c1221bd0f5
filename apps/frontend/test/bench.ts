// Measures the UI's production build and prints figures (it asserts nothing): `next build` time,
// standalone output size, server start to the first /api/health 200, idle RSS, and the time
// until the task list with 100 tasks is rendered in Chromium, and the JavaScript the task page
// makes the browser load (raw and gzip-compressed).
// Run from the workspace root (nx run frontend:bench does), through tsx with the path aliases:
//   TSX_TSCONFIG_PATH=tsconfig.base.json node --import tsx apps/frontend/test/bench.ts
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BACKEND_BUNDLE, FRONTEND_SERVER, freePort, startProcess } from '@todo/testing';
import { launchChromium } from '@todo/testing/browser';

const step = (message: string) => console.log(` • ${message}`);

// As before: both servers' output is dropped, and readiness is asked every 5 ms, so that start-up
// is measured closely.
const QUIET = { stdout: 'ignore', stderr: 'ignore', intervalMs: 5, timeoutMs: 120_000 } as const;

async function main() {
  step('next build (clean)');
  rmSync('apps/frontend/.next', { recursive: true, force: true });
  const buildStart = Date.now();
  execSync('npx nx run frontend:build --skip-nx-cache --outputStyle=static', {
    stdio: 'ignore',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const buildSeconds = (Date.now() - buildStart) / 1000;
  const standaloneMiB =
    Number(execSync('du -sk apps/frontend/.next/standalone').toString().split('\t')[0]) / 1024;

  execSync('npx nx run backend:build --outputStyle=static', { stdio: 'ignore' });
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-bench-ui-'));
  const apiPort = await freePort();
  const api = await startProcess(process.execPath, [BACKEND_BUNDLE], {
    ...QUIET,
    env: {
      PORT: String(apiPort),
      METRICS_PORT: String(await freePort()),
      PGLITE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    readyUrl: `http://127.0.0.1:${apiPort}/ready`,
  });

  const uiPort = await freePort();
  const base = `http://127.0.0.1:${uiPort}`;
  const ui = await startProcess(process.execPath, [FRONTEND_SERVER], {
    ...QUIET,
    env: {
      PORT: String(uiPort),
      HOSTNAME: '127.0.0.1',
      BACKEND_URL: `http://127.0.0.1:${apiPort}`,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    readyUrl: `${base}/api/health`,
  });
  const startMs = ui.startToReadyMs;
  await new Promise((r) => setTimeout(r, 2000));
  const rss = (pid: number) =>
    Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1]) / 1024;
  const idleRss = rss(ui.child.pid as number);

  step('Seeding 100 tasks');
  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${apiPort}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const credentials = { email: 'bench-ui@example.test', password: 'benchmark password' };
  await post('/api/auth/register', credentials);
  const { token } = (await (await post('/api/auth/tokens', credentials)).json()) as {
    token: string;
  };
  for (let i = 1; i <= 100; i++) {
    await post(
      '/api/tasks',
      {
        title: `Task ${i}`,
        priority: ['low', 'medium', 'high'][i % 3],
        tags: [`tag${i % 5}`],
        dueDate: `2027-0${1 + (i % 9)}-1${i % 10}`,
      },
      { authorization: `Bearer ${token}` },
    );
  }

  step('Rendering the list in Chromium');
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
  const scripts = new Map<string, Buffer>();
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script' && response.ok())
      scripts.set(response.url(), await response.body().catch(() => Buffer.alloc(0)));
  });
  const firstPage: number[] = [];
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = Date.now();
    await page.goto(`${base}/?sort=title&order=asc`);
    await page.waitForFunction(
      () =>
        document.querySelectorAll('.task-list .task').length === 20 &&
        document.querySelector('.progress')?.textContent?.includes('100'),
    );
    firstPage.push(Date.now() - started);
    while ((await page.locator('.task-list .task').count()) < 100) {
      const before = await page.locator('.task-list .task').count();
      await page.locator('.load-more').click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('.task-list .task').length > n,
        before,
      );
    }
    times.push(Date.now() - started);
  }
  const kib = (bytes: number) => (bytes / 1024).toFixed(0);
  const rawJs = [...scripts.values()].reduce((sum, body) => sum + body.length, 0);
  const gzipJs = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body).length, 0);
  await browser.close();
  await ui.stop();
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });

  console.log('\n| figure | value |');
  console.log('|---|---|');
  console.log(`| next build (clean, via nx) | ${buildSeconds.toFixed(1)} s |`);
  console.log(`| standalone output | ${standaloneMiB.toFixed(1)} MiB |`);
  console.log(`| server start to first /api/health 200 | ${startMs.toFixed(0)} ms |`);
  console.log(`| idle RSS of the UI server | ${idleRss.toFixed(1)} MiB |`);
  console.log(
    `| list page load → first 20 of 100 tasks and the counts (3 runs) | ${firstPage.join(' / ')} ms |`,
  );
  console.log(
    `| list page load → all 100 tasks ("Show more" ×4, 3 runs) | ${times.join(' / ')} ms |`,
  );
  console.log(
    `| JavaScript the task page loads | ${scripts.size} files, ${kib(rawJs)} KiB (${kib(gzipJs)} KiB gzip) |`,
  );
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(` ✗ ${error.stack ?? String(error)}`);
  process.exit(1);
});
