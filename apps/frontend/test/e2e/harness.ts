import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BACKEND_BUNDLE,
  FRONTEND_SERVER,
  WORKSPACE_ROOT,
  freePort,
  requireBuilt,
  runProcess,
  startProcess,
} from '@todo/testing';

export const ARTIFACTS = join(WORKSPACE_ROOT, 'dist/test-artifacts/frontend');

const NO_TELEMETRY = { NEXT_TELEMETRY_DISABLED: '1' };

export interface Api {
  url: string;
  stop(): Promise<void>;
}

/** The real API (built bundle) on an embedded database in a temporary directory. */
export async function startApi(): Promise<Api> {
  requireBuilt(BACKEND_BUNDLE);
  requireBuilt(FRONTEND_SERVER);
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = await startProcess(process.execPath, [BACKEND_BUNDLE, 'serve'], {
    env: {
      ...NO_TELEMETRY,
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      PGLITE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_MAX: '1000',
    },
    readyUrl: `${url}/ready`,
  });
  return {
    url,
    async stop() {
      await api.stop();
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
  const url = `http://127.0.0.1:${port}`;
  const ui = await startProcess(process.execPath, [FRONTEND_SERVER], {
    env: {
      ...NO_TELEMETRY,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      BACKEND_URL: apiUrl,
      ...env,
    },
    readyUrl: `${url}/api/health`,
  });
  return {
    url,
    async stop() {
      await ui.stop();
    },
  };
}

/** Starts the UI server and waits for it to exit by itself (for configurations it must refuse). */
export async function runUiUntilExit(env: Record<string, string>, timeoutMs = 20_000) {
  const ui = runProcess(process.execPath, [FRONTEND_SERVER], {
    env: { ...NO_TELEMETRY, PORT: String(await freePort()), HOSTNAME: '127.0.0.1', ...env },
  });
  const timer = setTimeout(() => ui.child.kill('SIGKILL'), timeoutMs);
  const { code } = await ui.exited;
  clearTimeout(timer);
  return { code, output: ui.output.join('\n') };
}

export interface SlowLink {
  url: string;
  /** Holds back requests that `matches` for `ms` before passing them on; returns the undo. */
  delay(matches: (method: string, path: string) => boolean, ms: number): () => void;
  stop(): Promise<void>;
}

/**
 * A pass-through HTTP hop in front of the real API that can hold chosen requests back, so a
 * test can make answers arrive late or out of order. Nothing is faked: every request reaches
 * the API unchanged.
 */
export async function startSlowLink(target: string): Promise<SlowLink> {
  const rules = new Set<{ matches: (method: string, path: string) => boolean; ms: number }>();
  const server = createServer((incoming, outgoing) => {
    const rule = [...rules].find((r) => r.matches(incoming.method ?? 'GET', incoming.url ?? '/'));
    const forward = () => {
      const upstream = request(
        new URL(incoming.url ?? '/', target),
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.destroy());
      incoming.pipe(upstream);
    };
    if (rule) setTimeout(forward, rule.ms);
    else forward();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    delay(matches, ms) {
      const rule = { matches, ms };
      rules.add(rule);
      return () => rules.delete(rule);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
