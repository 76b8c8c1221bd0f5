import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@todo/testing';
import { requireBundle } from './bundle';

export { freePort };

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: string[];
  /** Milliseconds from spawn to the first 200 from /ready. */
  startToReadyMs: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export function runBundle(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [requireBundle(), ...args], {
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk) => output.push(...String(chunk).split('\n').filter(Boolean)));
  child.stderr?.on('data', (chunk) => output.push(...String(chunk).split('\n').filter(Boolean)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exited };
}

/** Starts the built bundle and resolves once /ready answers 200. */
export async function startServer(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const started = Date.now();
  const { child, output, exited } = runBundle(['serve'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (Date.now() - started < timeoutMs) {
    if (exitedEarly) throw new Error(`server exited before ready:\n${output.join('\n')}`);
    const status = await fetch(`${baseUrl}/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) {
      return {
        child,
        baseUrl,
        output,
        startToReadyMs: Date.now() - started,
        exited,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`server not ready within ${timeoutMs} ms:\n${output.join('\n')}`);
}
