#!/usr/bin/env node
// Measures the UI's production build and prints figures (it asserts nothing): `next build` time,
// standalone output size, server start to the first /api/health 200, idle RSS, and the time
// until the task list with 100 tasks is rendered in Chromium.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = JSON.parse(
  readFileSync(new URL('../browser/chromium-args.json', import.meta.url), 'utf8'),
);

const step = (message) => console.log(` • ${message}`);
const root = resolve('.');
const backend = join(root, 'dist/apps/backend/main.js');
const server = join(root, 'apps/frontend/.next/standalone/apps/frontend/server.js');

const freePort = () =>
  new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

async function waitFor(url) {
  const started = process.hrtime.bigint();
  while (
    !(await fetch(url).then(
      (r) => r.ok,
      () => false,
    ))
  )
    await new Promise((r) => setTimeout(r, 5));
  return Number(process.hrtime.bigint() - started) / 1e6;
}

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
const api = spawn(process.execPath, [backend], {
  env: {
    PATH: process.env.PATH,
    PORT: String(apiPort),
    PGLITE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  },
  stdio: 'ignore',
});
await waitFor(`http://127.0.0.1:${apiPort}/ready`);

const uiPort = await freePort();
const uiStart = process.hrtime.bigint();
const ui = spawn(process.execPath, [server], {
  env: {
    PATH: process.env.PATH,
    PORT: String(uiPort),
    HOSTNAME: '127.0.0.1',
    BACKEND_URL: `http://127.0.0.1:${apiPort}`,
    NEXT_TELEMETRY_DISABLED: '1',
  },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${uiPort}`;
while (
  !(await fetch(`${base}/api/health`).then(
    (r) => r.ok,
    () => false,
  ))
)
  await new Promise((r) => setTimeout(r, 5));
const startMs = Number(process.hrtime.bigint() - uiStart) / 1e6;
await new Promise((r) => setTimeout(r, 2000));
const rss = (pid) =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;
const idleRss = rss(ui.pid);

step('Seeding 100 tasks');
const post = (path, body, headers = {}) =>
  fetch(`http://127.0.0.1:${apiPort}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const credentials = { email: 'bench-ui@example.test', password: 'benchmark password' };
await post('/api/auth/register', credentials);
const { token } = await (await post('/api/auth/tokens', credentials)).json();
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
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage();
await page.goto(`${base}/signin`);
await page.getByLabel('Email').fill(credentials.email);
await page.getByLabel('Password').fill(credentials.password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(`${base}/`);
const firstPage = [];
const times = [];
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
    await page.getByRole('button', { name: /Show more/ }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.task-list .task').length > n,
      before,
    );
  }
  times.push(Date.now() - started);
}
await browser.close();
ui.kill('SIGTERM');
api.kill('SIGTERM');
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
process.exit(0);
