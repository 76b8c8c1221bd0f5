import {
  BACKEND_BUNDLE,
  freePort,
  requireBuilt,
  runProcess,
  startProcess,
  type RunningProcess,
  type StartedProcess,
} from '@todo/testing';

export interface ServerProcess extends StartedProcess {
  baseUrl: string;
  /** Where the process serves Prometheus metrics (a port of its own). */
  metricsUrl: string;
}

/** Runs the built bundle with `args` (`serve`, `migrate`, …); LOG_LEVEL is info unless `env` says. */
export function runBundle(args: string[], env: Record<string, string>): RunningProcess {
  return runProcess(process.execPath, [requireBuilt(BACKEND_BUNDLE), ...args], {
    env: { LOG_LEVEL: 'info', ...env },
  });
}

/** Starts the built bundle on a free port and resolves once /ready answers 200. */
export async function startServer(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await startProcess(process.execPath, [requireBuilt(BACKEND_BUNDLE), 'serve'], {
    env: {
      LOG_LEVEL: 'info',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      HOST: '127.0.0.1',
      ...env,
    },
    readyUrl: `${baseUrl}/ready`,
    timeoutMs,
  });
  return { ...server, baseUrl, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
}
