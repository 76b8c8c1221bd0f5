import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressInfo, type Server, createServer } from 'node:net';
import { ROOT, STATE_DIR, binDir, kubectlJson, runScript } from './cluster';

// cluster-up is idempotent, cluster-status reports every part, and cluster-down stops exactly
// the processes cluster-up started and removes its state; then the cluster comes back.

const DAEMONS = [
  'containerd',
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
  'kube-router',
];
const RUN_DIR = process.env['TODO_CLUSTER_RUN'] ?? '/run/todo-cluster';
const pidOf = (daemon: string) =>
  readFileSync(join(RUN_DIR, 'pids', `${daemon}.pid`), 'utf8').trim();
const alive = (pid: number | string) => existsSync(`/proc/${pid}`);

/** PIDs of processes running one of the cluster's binaries or its containerd shims. */
function clusterProcesses(bin: string): string[] {
  const binaries = new Set(readdirSync(bin).map((name) => realpathSync(join(bin, name))));
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      const exe = readlinkSafe(`/proc/${pid}/exe`);
      const cmdline = readSafe(`/proc/${pid}/cmdline`).replace(/\0/g, ' ');
      return binaries.has(exe) || cmdline.includes(RUN_DIR);
    });
}
function readlinkSafe(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}
function readSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
const listenOnLoopback = () =>
  new Promise<Server>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
  });
const userKubeconfig = () =>
  readSafe((process.env['KUBECONFIG'] ?? join(homedir(), '.kube/config')).split(':')[0] as string);

describe('cluster lifecycle', () => {
  it('cluster-up on a running cluster changes nothing', () => {
    const before = DAEMONS.map(pidOf);
    const output = runScript('infra/k8s/scripts/cluster-up.sh');
    for (const daemon of DAEMONS) expect(output).toContain(`${daemon} already running`);
    expect(DAEMONS.map(pidOf)).toEqual(before);
    // The last line of stdout is the kubeconfig path.
    expect(output).toContain(join(STATE_DIR, 'kubeconfig'));
  }, 300_000);

  it('cluster-status reports each component and the add-ons', () => {
    const output = runScript('infra/k8s/scripts/cluster-status.sh');
    for (const daemon of DAEMONS)
      expect(output).toMatch(new RegExp(`${daemon}\\s+up\\s+pid ${pidOf(daemon)}`));
    expect(output).toMatch(/node todo-local\s+Ready\s+kubelet v1\.34\./);
    expect(output).toMatch(/coredns\s+Ready/);
    expect(output).toMatch(/traefik\s+Ready/);
    expect(output).toMatch(/storage\s+ok\s+default StorageClass standard/);
  });

  it('cluster-down stops only what cluster-up started and removes its state; cluster-up brings it back', async () => {
    const bin = binDir();
    // A decoy named like a cluster component, not started by cluster-up, must survive.
    const decoyDir = mkdtempSync(join(tmpdir(), 'todo-decoy-'));
    copyFileSync('/usr/bin/sleep', join(decoyDir, 'kube-apiserver'));
    spawnSync('chmod', ['+x', join(decoyDir, 'kube-apiserver')]);
    const decoy = spawn(join(decoyDir, 'kube-apiserver'), ['600'], {
      detached: true,
      stdio: 'ignore',
    });
    try {
      expect(clusterProcesses(bin).length).toBeGreaterThan(DAEMONS.length);

      const down = runScript('infra/k8s/scripts/cluster-down.sh');
      expect(down).toContain('cluster todo-local is down');
      expect(clusterProcesses(bin)).toEqual([]);
      expect(alive(decoy.pid as number)).toBe(true);
      expect(existsSync(STATE_DIR)).toBe(false);
      expect(existsSync(RUN_DIR)).toBe(false);
      expect(spawnSync('ip', ['link', 'show', 'todo0']).status).not.toBe(0);
      expect(spawnSync('iptables-save', { encoding: 'utf8' }).stdout).not.toMatch(
        /KUBE-|10\.244\.0\.0\/24/,
      );
      expect(userKubeconfig()).not.toContain('todo-local');
      // Docker and its own containerd are not the cluster's: untouched.
      expect(spawnSync('docker', ['info'], { stdio: 'ignore' }).status).toBe(0);

      // A port another program holds: cluster-up names it and the setting, and starts nothing.
      const blocker = await listenOnLoopback();
      try {
        const port = (blocker.address() as AddressInfo).port;
        const refused = spawnSync('bash', [join(ROOT, 'infra/k8s/scripts/cluster-up.sh')], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, TODO_INGRESS_PORT: String(port) },
        });
        expect({ status: refused.status, stderr: refused.stderr }).toEqual({
          status: 1,
          stderr: expect.stringContaining(
            `port ${port} is in use by another program; the ingress controller needs it: set TODO_INGRESS_PORT`,
          ),
        });
        expect(existsSync(STATE_DIR)).toBe(false);
        expect(clusterProcesses(bin)).toEqual([]);
      } finally {
        blocker.close();
      }

      const up = runScript('infra/k8s/scripts/cluster-up.sh');
      expect(up).toContain('Cluster todo-local is up');
      expect(userKubeconfig()).toContain('current-context: todo-local');
      const node = kubectlJson(['get', 'node', 'todo-local']);
      expect(node.status.conditions.find((c: { type: string }) => c.type === 'Ready').status).toBe(
        'True',
      );
    } finally {
      decoy.kill('SIGKILL');
      rmSync(decoyDir, { recursive: true, force: true });
    }
  }, 900_000);
});
