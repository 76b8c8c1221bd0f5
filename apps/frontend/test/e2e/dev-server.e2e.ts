import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort, startProcess } from '@todo/testing';

const ROOT = join(__dirname, '../../../..');
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

describe('the development server (npm start)', () => {
  it(
    'leaves the work tree as it found it: no tracked file changed, no untracked file that is not ignored',
    async () => {
      // Compared with the state before, not with a clean tree: a developer may have changes.
      const before = workTreeStatus();
      const port = await freePort();
      const health = `http://127.0.0.1:${port}/api/health`;
      // What `nx run frontend:serve` runs (apps/frontend/project.json), on a free port, in its own
      // process group so that stopping it reaches the workers it starts. NODE_ENV is left unset:
      // `next dev` sets it as it does for npm start.
      const dev = await startProcess(
        process.execPath,
        [NEXT_BIN, 'dev', '--port', String(port), '--hostname', '127.0.0.1'],
        {
          cwd: FRONTEND,
          env: { NEXT_TELEMETRY_DISABLED: '1' },
          detached: true,
          readyUrl: health,
          timeoutMs: START_TIMEOUT_MS,
        },
      );
      let exit: Awaited<ReturnType<typeof dev.stop>>;
      try {
        expect(await (await fetch(health)).json()).toEqual({ status: 'ok' });
      } finally {
        // SIGTERM to the group; waits until it has exited, then until its workers have.
        exit = await dev.stop(STOP_TIMEOUT_MS);
      }
      if (exit.signal === 'SIGKILL')
        throw new Error(`next dev did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`);

      expect(workTreeStatus()).toEqual(before);
    },
    START_TIMEOUT_MS + STOP_TIMEOUT_MS + 30_000,
  );
});
