import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { offlineRuntimeImage } from '../../docker/test/built-image';
import {
  KUBECONFIG,
  NAMESPACE,
  RELEASE,
  ROOT,
  STATE_DIR,
  binDir,
  builtImage,
  ctr,
  eventually,
  helm,
  helmBinary,
  kubectl,
  kubectlJson,
  runScript,
} from '../test/cluster';

export { NAMESPACE, RELEASE, helm } from '../test/cluster';
export type Component = 'backend' | 'frontend' | 'postgresql';
export const APPS = ['backend', 'frontend'] as const;

/** Object names the chart gives each component (release "todo" → todo-backend, …). */
export const nameOf = (component: Component | 'db') => `${RELEASE}-${component}`;

/**
 * Helm that must succeed, without blocking this process: for steps taken while the same
 * process sends load (a synchronous spawn would stall every request in flight).
 */
export function helmInBackground(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(helmBinary(), [...args, '--namespace', NAMESPACE], {
      cwd: ROOT,
      env: { ...process.env, KUBECONFIG },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0
        ? resolve(output)
        : reject(new Error(`helm ${args.join(' ')} failed:\n${output}`)),
    );
  });
}

/** Helm that must succeed; returns its output or throws with it. */
/** `helm upgrade` of the release that changes only `settings` (KEY=VALUE) and waits. */
export const upgradeArgs = (...settings: string[]) => [
  'upgrade',
  RELEASE,
  'infra/helm/todo',
  '--reuse-values',
  ...settings.flatMap((setting) => ['--set', setting]),
  '--wait',
];

export function helmOk(args: string[]): string {
  const result = helm(args);
  if (result.status !== 0) throw new Error(`helm ${args.join(' ')} failed:\n${result.output}`);
  return result.output;
}

/** kubectl in the release's namespace. */
export const kube = (args: string[], input?: string) => kubectl(['-n', NAMESPACE, ...args], input);
export const kubeJson = <T = any>(args: string[]) => kubectlJson<T>(['-n', NAMESPACE, ...args]);

export function releaseExists(): boolean {
  return helm(['status', RELEASE]).status === 0;
}

export function revision(): number {
  return JSON.parse(helmOk(['status', RELEASE, '-o', 'json'])).version;
}

export function userValues(): Record<string, any> {
  return JSON.parse(helmOk(['get', 'values', RELEASE, '-o', 'json'])) ?? {};
}

export interface PodState {
  name: string;
  uid: string;
  ip: string;
  ready: boolean;
  restarts: number;
  image: string;
  imageID: string;
  containerID: string;
}

const selector = (component: Component) =>
  `app.kubernetes.io/instance=${RELEASE},app.kubernetes.io/component=${component}`;

/** The component's pods that are not being deleted, by name. */
export function podsOf(component: Component): PodState[] {
  return kubeJson<{ items: any[] }>(['get', 'pods', '-l', selector(component)])
    .items.filter((pod) => !pod.metadata.deletionTimestamp)
    .map((pod) => {
      const status = pod.status.containerStatuses?.[0] ?? {};
      return {
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        ip: pod.status.podIP ?? '',
        ready: pod.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'),
        restarts: status.restartCount ?? 0,
        // What the pod asks for; status.image names the image ID's first tag, not this one.
        image: pod.spec.containers[0].image,
        imageID: status.imageID ?? '',
        containerID: String(status.containerID ?? '').replace(/^containerd:\/\//, ''),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Waits until none of the component's pods is terminating (old pods drain after a rollout). */
export const oldPodsGone = (component: Component) =>
  eventually(
    `the old ${component} pods to finish draining`,
    () =>
      kubeJson<{ items: any[] }>(['get', 'pods', '-l', selector(component)]).items.some(
        (pod) => pod.metadata.deletionTimestamp,
      )
        ? undefined
        : true,
    120_000,
  );

/** UIDs found in both lists: after a rollout, none of the old pods may remain. */
export const podsInBoth = (before: { uid: string }[], after: { uid: string }[]) =>
  after.filter((pod) => before.some((old) => old.uid === pod.uid)).map((pod) => pod.uid);

export const podByName = (component: Component, name: string) =>
  podsOf(component).find((pod) => pod.name === name);

/** Waits until the Deployment/StatefulSet has rolled out and all its pods are Ready. */
export function rolledOut(component: Component, timeout = '300s'): void {
  const kind = component === 'postgresql' ? 'statefulset' : 'deployment';
  kube(['rollout', 'status', `${kind}/${nameOf(component)}`, `--timeout=${timeout}`]);
}

/** Every pod of the release Ready, and every workload complete. */
export function everyPodReady(): boolean {
  const pods = kubeJson<{ items: any[] }>([
    'get',
    'pods',
    '-l',
    `app.kubernetes.io/instance=${RELEASE}`,
  ]).items;
  const workloads = [
    ...kubeJson<{ items: any[] }>(['get', 'deployments']).items,
    ...kubeJson<{ items: any[] }>(['get', 'statefulsets']).items,
  ];
  return (
    pods.length > 0 &&
    pods.every((pod) =>
      pod.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'),
    ) &&
    workloads.every(
      (w) =>
        (w.status.readyReplicas ?? 0) === w.spec.replicas &&
        (w.status.updatedReplicas ?? 0) === w.spec.replicas &&
        (w.status.replicas ?? 0) === w.spec.replicas,
    )
  );
}

export const waitUntilEveryPodReady = (timeoutMs = 300_000) =>
  eventually('every pod of the release to be Ready', () => everyPodReady() || undefined, timeoutMs);

/**
 * For a describe block that changes the release: before it, every pod must be Ready; after it,
 * the release is rolled back to the revision it started from, and every pod is Ready again.
 */
export function restoreReleaseAfterwards(): void {
  let startRevision: number;
  beforeAll(async () => {
    await waitUntilEveryPodReady();
    startRevision = revision();
  }, 300_000);
  afterAll(async () => {
    if (startRevision === undefined) return;
    helmOk(['rollback', RELEASE, String(startRevision), '--wait']);
    await waitUntilEveryPodReady();
  }, 600_000);
}

/** The addresses the Service's EndpointSlices list as ready. */
export function readyEndpoints(component: Component): string[] {
  return kubeJson<{ items: any[] }>([
    'get',
    'endpointslices',
    '-l',
    `kubernetes.io/service-name=${nameOf(component)}`,
  ])
    .items.flatMap((slice) => slice.endpoints ?? [])
    .filter((endpoint) => endpoint.conditions?.ready)
    .flatMap((endpoint) => endpoint.addresses)
    .sort();
}

/**
 * The environment a user's Nx runs in here: images build on the offline base unless
 * TODO_RUNTIME_IMAGE names one (nothing can be pulled here); no daemon, cloud or terminal UI.
 */
export const nxEnvironment = (): NodeJS.ProcessEnv => ({
  ...process.env,
  TODO_RUNTIME_IMAGE: process.env['TODO_RUNTIME_IMAGE'] ?? offlineRuntimeImage(),
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
});

/**
 * Nx exactly as a user runs it (in this work tree, or in `cwd`); returns its output or throws
 * with it.
 */
export function nx(args: string[], cwd = ROOT): string {
  const result = spawnSync('npx', ['nx', ...args, '--outputStyle=static'], {
    cwd,
    encoding: 'utf8',
    env: nxEnvironment(),
    timeout: 900_000,
  });
  // Under an outer Nx run (FORCE_COLOR is inherited) the output carries colour codes.
  const output = stripVTControlCharacters(result.stdout + result.stderr);
  if (result.status !== 0) throw new Error(`nx ${args.join(' ')} failed:\n${output}`);
  return output;
}

/** The minikube-load step for both apps: imports the built images into the node. */
export function loadImages(): void {
  for (const app of APPS) runScript('infra/docker/scripts/load-image.sh', [app]);
}

const retaggedImages: string[] = [];

/** Removes the tags loadRetagged added, from Docker and from the node (the image stays). */
export function forgetRetaggedImages(): void {
  for (const image of retaggedImages.splice(0)) {
    ctr(['images', 'rm', `docker.io/library/${image}`]);
    spawnSync('docker', ['image', 'rm', image], { stdio: 'ignore' });
  }
}

/**
 * Gives an app's built image one more tag and imports it into the node: a rollout to a new
 * image tag with no rebuild. Returns the new tag.
 */
export function loadRetagged(app: (typeof APPS)[number], suffix: string): string {
  const [repository, tag] = builtImage(app).split(':') as [string, string];
  const retagged = `${tag}-${suffix}`;
  retaggedImages.push(`${repository}:${retagged}`);
  onNode('docker', ['tag', builtImage(app), `${repository}:${retagged}`]);
  runScript('infra/docker/scripts/load-image.sh', [app, `${repository}:${retagged}`]);
  return retagged;
}

/** Runs a command on the node (this machine) and returns stdout, or throws with stderr. */
export function onNode(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** The host PID of a container's main process, read through the CRI as an operator would. */
export function mainProcessOf(containerID: string): number {
  const crictl = join(binDir(), 'crictl');
  const info = JSON.parse(
    onNode(crictl, ['--config', join(STATE_DIR, 'crictl.yaml'), 'inspect', containerID]),
  );
  const pid = Number(info.info?.pid);
  if (!(pid > 1)) throw new Error(`crictl inspect ${containerID} gave no PID`);
  return pid;
}

/** Sends `signal` to a pod's main process from the node; returns the pod as it was. */
export function signalMainProcess(component: Component, name: string, signal: NodeJS.Signals) {
  const pod = podByName(component, name);
  if (!pod) throw new Error(`no ${component} pod ${name}`);
  process.kill(mainProcessOf(pod.containerID), signal);
  return pod;
}

/** Waits until the pod's container has restarted and the pod is Ready again; returns seconds. */
export async function restartedAndReady(
  component: Component,
  name: string,
  restartsBefore: number,
) {
  const started = Date.now();
  await eventually(
    `${name} to restart and be Ready`,
    () => {
      const pod = podByName(component, name);
      return pod && pod.restarts === restartsBefore + 1 && pod.ready ? pod : undefined;
    },
    180_000,
  );
  return secondsSince(started);
}

/**
 * Runs a Node script in a running container with the image's own Node: the images are
 * distroless (no shell, no `env`), so `kubectl exec … -- /nodejs/bin/node -e …` is the way in.
 */
export function execInPod(pod: string, container: string, script: string): string {
  return kube(['exec', pod, '-c', container, '--', '/nodejs/bin/node', '-e', script]);
}

/** Seconds since `start` (a Date.now() value), one decimal. */
export const secondsSince = (start: number) => Math.round((Date.now() - start) / 100) / 10;
