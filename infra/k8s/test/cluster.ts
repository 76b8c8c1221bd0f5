import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { join } from 'node:path';

/** Helpers for tests against the running todo-local cluster. */

export const ROOT = join(__dirname, '../../..');
export const STATE_DIR = process.env['TODO_CLUSTER_STATE'] ?? '/var/lib/todo-cluster';
export const KUBECONFIG = process.env['TODO_CLUSTER_KUBECONFIG'] ?? join(STATE_DIR, 'kubeconfig');
export const INGRESS_PORT = Number(process.env['TODO_INGRESS_PORT'] ?? 80);
const CONTAINERD_SOCKET =
  process.env['TODO_CONTAINERD_SOCKET'] ?? '/run/todo-cluster/containerd/containerd.sock';

/** The directory of the binaries the cluster runs (written by cluster-up). */
export function binDir(): string {
  return readFileSync(join(STATE_DIR, 'bin-dir'), 'utf8').trim();
}

/** kubectl against the cluster; throws with kubectl's stderr on failure. */
export function kubectl(args: string[], input?: string): string {
  const result = spawnSync(join(binDir(), 'kubectl'), ['--kubeconfig', KUBECONFIG, ...args], {
    encoding: 'utf8',
    input,
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr || result.error}`);
  }
  return result.stdout;
}

export function kubectlJson<T = any>(args: string[]): T {
  return JSON.parse(kubectl([...args, '-o', 'json'])) as T;
}

/** ctr in the cluster's containerd, Kubernetes namespace; returns stdout ('' on failure). */
export function ctr(args: string[]): string {
  const result = spawnSync('ctr', ['--address', CONTAINERD_SOCKET, '-n', 'k8s.io', ...args], {
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout : '';
}

/**
 * Events of a namespace that show an image being pulled, or failing to be (pull errors, a
 * `Never` image that is missing). Other kubelet failures, such as a secret cache that took more
 * than its one second to sync on a busy node (retried at once), are not about images.
 */
export function imagePullEvents(namespace: string): { reason: string; message: string }[] {
  return kubectlJson<{ items: { reason: string; message: string }[] }>([
    '-n',
    namespace,
    'get',
    'events',
  ]).items.filter(
    (e) =>
      e.reason === 'Pulling' ||
      /ImagePull|ImageNeverPull|InvalidImageName/.test(e.reason) ||
      (e.reason === 'Failed' && /image|pull/i.test(e.message)),
  );
}

/** kubectl apply of objects given as plain JS. */
export function apply(namespace: string, ...objects: object[]): void {
  kubectl(
    ['apply', '-n', namespace, '-f', '-'],
    JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
  );
}

/** Runs a repository script with bash; returns its stdout and stderr (where the scripts
 * report progress) together, or throws with both. */
export function runScript(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
): string {
  const result = spawnSync('bash', [join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 900_000,
  });
  const output = result.stdout + result.stderr;
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${output}`);
  return output;
}

/** Polls fn until it returns a value other than undefined, or fails after timeoutMs. */
export async function eventually<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}: ${String(lastError ?? '')}`,
  );
}

/** The app's host name on the Ingress: http://todo.local. */
export const APP_HOST = 'todo.local';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined. */
  json: any;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The Host header; the app's by default. */
  host?: string;
  agent?: Agent;
  timeoutMs?: number;
}

/**
 * One HTTP request to the ingress controller's loopback port with a Host header, as a browser
 * with an /etc/hosts line would send it; rejects on a connection error or timeout.
 */
export function viaIngress(path: string, options: RequestOptions = {}): Promise<Reply> {
  const {
    method = 'GET',
    body,
    headers = {},
    host = APP_HOST,
    agent,
    timeoutMs = 10_000,
  } = options;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: INGRESS_PORT,
        path,
        method,
        agent,
        headers: {
          host,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${host}${path}: no answer in ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The release the chart tests and the stories use, as `nx run infra:deploy` installs it. */
export const RELEASE = process.env['TODO_RELEASE'] ?? 'todo';
export const NAMESPACE = process.env['TODO_NAMESPACE'] ?? 'todo';

let helmPath: string | undefined;
/** The project's pinned Helm 3 (installed once per machine by infra/helm/scripts/install-helm.sh). */
export function helmBinary(): string {
  helmPath ??= spawnSync('bash', [join(ROOT, 'infra/helm/scripts/install-helm.sh'), '3'], {
    encoding: 'utf8',
  }).stdout.trim();
  return helmPath;
}

/** Helm 3 against the cluster, in the release's namespace; never throws. */
export function helm(
  args: string[],
  timeoutMs = 600_000,
): { status: number | null; output: string } {
  const result = spawnSync(helmBinary(), [...args, '--namespace', NAMESPACE], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG },
    timeout: timeoutMs,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

export { builtImage } from '../../docker/test/built-image';
