import { spawn, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { waitUntilOk } from './http';

/** Where a child's output stream goes: kept in `output` (the default), dropped, or ours. */
export type OutputMode = 'capture' | 'ignore' | 'inherit';

export interface ProcessOptions {
  /** The child's environment on top of PATH; nothing else of this process's is passed on. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  stdout?: OutputMode;
  stderr?: OutputMode;
  /** Its own process group: `stop()` then signals every process in it and waits for them all. */
  detached?: boolean;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningProcess {
  child: ChildProcess;
  /** The captured lines of stdout and stderr as they arrive, blank lines left out. */
  output: string[];
  /** Settles once the process has exited and its captured output has been read. */
  exited: Promise<Exit>;
  /**
   * SIGTERM, and SIGKILL if it has not exited `timeoutMs` (10 s) later; resolves with how it
   * exited (signal `SIGKILL`: it had to be killed). A process that has exited is not signalled,
   * but a detached one's group is, for what it left running.
   */
  stop(timeoutMs?: number): Promise<Exit>;
}

export interface StartOptions extends ProcessOptions {
  /** Polled until it answers 2xx; the process is ready then. */
  readyUrl: string;
  /** How long it may take to get ready (30 s); it is stopped and an error thrown after that. */
  timeoutMs?: number;
  /** How often `readyUrl` is asked (every 50 ms). */
  intervalMs?: number;
}

export interface StartedProcess extends RunningProcess {
  /** Milliseconds from spawn to the first 2xx from `readyUrl`. */
  startToReadyMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function captureLines(stream: Readable | null, output: string[]): void {
  if (!stream) return;
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    output.push(...lines.filter(Boolean));
  });
  stream.on('end', () => {
    if (partial) output.push(partial);
    partial = '';
  });
}

function stdioOf(mode: OutputMode = 'capture') {
  return mode === 'capture' ? 'pipe' : mode;
}

/** Sends `signal` to the process group `pgid`; false if no process is left in it. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Spawns `command args` with only PATH and `options.env`, capturing its output. */
export function runProcess(
  command: string,
  args: string[],
  options: ProcessOptions = {},
): RunningProcess {
  const { env = {}, cwd, stdout, stderr, detached = false } = options;
  const child = spawn(command, args, {
    cwd,
    // Cast: Next's types make NODE_ENV a required variable, and the child is given none.
    env: { PATH: process.env['PATH'] ?? '', ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', stdioOf(stdout), stdioOf(stderr)],
    detached,
  });
  const output: string[] = [];
  captureLines(child.stdout, output);
  captureLines(child.stderr, output);

  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error) => {
      output.push(error.message);
      exit ??= { code: null, signal: null };
      resolve(exit);
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      const done = exit;
      // 'close' says its output is all read; a process it started may hold the pipes open longer.
      const timer = setTimeout(() => resolve(done), 2_000);
      child.once('close', () => {
        clearTimeout(timer);
        resolve(done);
      });
    });
  });

  const signal = (name: NodeJS.Signals) => {
    if (detached && child.pid !== undefined) signalGroup(child.pid, name);
    else if (exit === undefined) child.kill(name);
  };

  return {
    child,
    output,
    exited,
    async stop(timeoutMs = 10_000) {
      signal('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) signal('SIGKILL');
      const result = await exited;
      if (detached && child.pid !== undefined) {
        // The processes it started in its group may still be finishing (10 s at most); after
        // this, none is left.
        const deadline = Date.now() + 10_000;
        while (signalGroup(child.pid, 0) && Date.now() < deadline) await sleep(100);
        signalGroup(child.pid, 'SIGKILL');
      }
      return result;
    },
  };
}

function commandLine(command: string, args: string[]): string {
  const words = command === process.execPath ? args : [command, ...args];
  return words.map((word) => (word.includes('/') ? basename(word) : word)).join(' ');
}

/**
 * Spawns `command args` (see `runProcess`) and resolves once `readyUrl` answers 2xx. Throws, with
 * the captured output, if the process exits first or is not ready within `timeoutMs` (it is
 * stopped then).
 */
export async function startProcess(
  command: string,
  args: string[],
  options: StartOptions,
): Promise<StartedProcess> {
  const { readyUrl, timeoutMs = 30_000, intervalMs, ...processOptions } = options;
  const started = performance.now();
  const run = runProcess(command, args, processOptions);
  let exit: Exit | undefined;
  void run.exited.then((result) => (exit = result));
  const running = () =>
    exit === undefined && run.child.exitCode === null && run.child.signalCode === null;
  try {
    await waitUntilOk(readyUrl, { timeoutMs, intervalMs, stillRunning: running });
  } catch {
    const timedOut = running();
    const result = await run.stop(2_000);
    const what = timedOut
      ? `was not ready (${readyUrl}) within ${timeoutMs} ms`
      : `exited (${result.signal ?? `code ${result.code}`}) before ${readyUrl} answered`;
    throw new Error(`${commandLine(command, args)} ${what}:\n${run.output.join('\n')}`);
  }
  return { ...run, startToReadyMs: performance.now() - started };
}
