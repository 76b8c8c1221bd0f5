import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, waitUntilOk } from '@todo/testing';

const ROOT = join(__dirname, '../../..');
const FRONTEND = join(ROOT, 'apps/frontend');
const NEXT_BIN = join(ROOT, 'node_modules/next/dist/bin/next');
// A first `next dev` compile on two busy cores can take well over a minute.
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 30_000;

/** Changed tracked files and untracked files that are not ignored, one per line. */
function workTreeStatus(): string[] {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is gone already.
  }
}

/** SIGTERM to the dev server's process group; waits until it has exited, then until its workers have. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid as number;
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve));
  signalGroup(pgid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  const deadline = Date.now() + 10_000;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  // Whatever is left can write nothing more after this.
  signalGroup(pgid, 'SIGKILL');
  if (timedOut) throw new Error(`next dev did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
}

describe('the development server (npm start)', () => {
  it(
    'leaves the work tree as it found it: no tracked file changed, no untracked file that is not ignored',
    async () => {
      // Compared with the state before, not with a clean tree: a developer may have changes.
      const before = workTreeStatus();
      const port = await freePort();
      const output: string[] = [];
      // What `nx run frontend:serve` runs (apps/frontend/project.json), on a free port.
      const child = spawn(
        process.execPath,
        [NEXT_BIN, 'dev', '--port', String(port), '--hostname', '127.0.0.1'],
        {
          cwd: FRONTEND,
          // Next's types make NODE_ENV required; left unset, `next dev` sets it as it does for npm start.
          env: {
            PATH: process.env['PATH'] ?? '',
            NEXT_TELEMETRY_DISABLED: '1',
          } as unknown as NodeJS.ProcessEnv,
          stdio: ['ignore', 'pipe', 'pipe'],
          // Its own process group, so that stopping it reaches the workers it starts.
          detached: true,
        },
      );
      child.stdout?.on('data', (chunk: Buffer) => output.push(String(chunk)));
      child.stderr?.on('data', (chunk: Buffer) => output.push(String(chunk)));
      try {
        const health = `http://127.0.0.1:${port}/api/health`;
        await waitUntilOk(health, {
          timeoutMs: START_TIMEOUT_MS,
          gaveUp: () => output.join(''),
          stillRunning: () => child.exitCode === null,
        });
        expect(await (await fetch(health)).json()).toEqual({ status: 'ok' });
      } finally {
        await stopGroup(child);
      }

      expect(workTreeStatus()).toEqual(before);
    },
    START_TIMEOUT_MS + STOP_TIMEOUT_MS + 30_000,
  );
});
