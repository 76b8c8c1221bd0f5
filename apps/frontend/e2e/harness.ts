import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort, waitUntilOk } from '@todo/testing';
// The flags this machine needs: no sandbox as root, and no calls home from a closed network.
import CHROMIUM_ARGS from '../../../tools/browser/chromium-args.json';

const ROOT = join(__dirname, '../../..');
export const BACKEND_BUNDLE = join(ROOT, 'dist/apps/backend/main.js');
export const FRONTEND_SERVER = join(ROOT, 'apps/frontend/.next/standalone/apps/frontend/server.js');
export const ARTIFACTS = join(ROOT, 'dist/test-artifacts/frontend');

function start(command: string[], env: Record<string, string>) {
  const output: string[] = [];
  const child = spawn(process.execPath, command, {
    env: {
      PATH: process.env['PATH'] ?? '',
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => output.push(String(chunk)));
  return { child, output };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface Api {
  url: string;
  stop(): Promise<void>;
}

/** The real API (built bundle) on an embedded database in a temporary directory. */
export async function startApi(): Promise<Api> {
  for (const file of [BACKEND_BUNDLE, FRONTEND_SERVER]) {
    if (!existsSync(file))
      throw new Error(`${file} is missing: run "npx nx run-many -t build" first (nx e2e does).`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-e2e-'));
  const port = await freePort();
  const { child, output } = start([BACKEND_BUNDLE, 'serve'], {
    PORT: String(port),
    PGLITE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    AUTH_RATE_LIMIT_MAX: '1000',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilOk(`${url}/ready`, {
    gaveUp: () => output.join(''),
    stillRunning: () => child.exitCode === null,
  });
  return {
    url,
    async stop() {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Ui {
  url: string;
  stop(): Promise<void>;
}

/** The production build of the UI (standalone server), configured only through its environment. */
export async function startUi(apiUrl: string, env: Record<string, string> = {}): Promise<Ui> {
  const port = await freePort();
  const { child, output } = start([FRONTEND_SERVER], {
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    BACKEND_URL: apiUrl,
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilOk(`${url}/api/health`, {
    gaveUp: () => output.join(''),
    stillRunning: () => child.exitCode === null,
  });
  return { url, stop: () => stop(child) };
}

/** Starts the UI server and waits for it to exit by itself (for configurations it must refuse). */
export async function runUiUntilExit(env: Record<string, string>, timeoutMs = 20_000) {
  const { child, output } = start([FRONTEND_SERVER], {
    PORT: String(await freePort()),
    HOSTNAME: '127.0.0.1',
    ...env,
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output: output.join('') };
}

/** Debian's Chromium, headless, with no network access beyond this machine. */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
