import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { K8sObject } from './render';

/**
 * Just enough of a Kubernetes API on loopback for `helm template --dry-run=server`: discovery,
 * /version and GET of the Secrets it holds. This tests run without a cluster; the
 * stand-in lets them exercise the chart's `lookup` (generated secrets kept across upgrades)
 * with the real Helm binaries.
 */
export interface ApiStandIn {
  kubeconfig: string;
  setSecret(secret: K8sObject): void;
  close(): void;
}

export async function startApiStandIn(): Promise<ApiStandIn> {
  const dir = mkdtempSync(join(tmpdir(), 'todo-api-stand-in-'));
  const secretsFile = join(dir, 'secrets.json');
  const secrets: Record<string, K8sObject> = {};
  const child = spawn(process.execPath, [join(__dirname, 'api-stand-in-server.cjs')], {
    env: { ...process.env, SECRETS_FILE: secretsFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`the API stand-in exited with ${code}`)));
  });
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: stand-in, cluster: {server: "http://127.0.0.1:${port}"}}]`,
      'contexts: [{name: stand-in, context: {cluster: stand-in, user: stand-in}}]',
      'users: [{name: stand-in, user: {}}]',
      'current-context: stand-in',
      '',
    ].join('\n'),
  );
  return {
    kubeconfig,
    setSecret(secret) {
      secrets[`${secret.metadata.namespace}/${secret.metadata.name}`] = secret;
      writeFileSync(secretsFile, JSON.stringify(secrets));
    },
    close() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
