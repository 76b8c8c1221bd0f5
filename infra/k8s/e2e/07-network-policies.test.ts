import { execFileSync } from 'node:child_process';
import { eventually, kubectl, viaIngress } from '../test/cluster';
import { ApiClient } from './api-client';
import {
  NAMESPACE,
  RELEASE,
  execInPod,
  helm,
  kube,
  kubeJson,
  nameOf,
  podsOf,
  waitUntilEveryPodReady,
} from './release';

// The chart's NetworkPolicies, enforced: todo-local runs kube-router as its policy engine (the
// bridge CNI alone accepts policies and enforces nothing). The app still works end to end through
// the ingress controller, which runs on the host network; anything else is refused.
// Expects: the release deployed with networkPolicy.enabled (the default). Leaves: the same.

/**
 * A Node program that tries each TCP target and DNS name; prints what it reached, as JSON. A
 * target counts as reached if any attempt within 10 s connects: kube-router programs a new pod's
 * rules a moment after it starts, and a refusal in that moment proves nothing.
 */
const PROBE = `
const net = require('node:net');
const dns = require('node:dns').promises;
const targets = JSON.parse(process.env.TARGETS);
const attempt = ([host, port]) => new Promise((resolve) => {
  const socket = net.connect({ host, port, timeout: 2000 });
  const done = (result) => { socket.destroy(); resolve(result); };
  socket.on('connect', () => done('open'));
  socket.on('timeout', () => done('blocked'));
  socket.on('error', (e) => done(['ECONNREFUSED', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(e.code) ? 'blocked' : e.code));
});
const connect = async (target) => {
  const deadline = Date.now() + 10000;
  for (;;) {
    const result = await attempt(target);
    if (result === 'open' || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};
(async () => {
  const out = {};
  for (const target of targets.tcp) out[target.join(':')] = await connect(target);
  for (const name of targets.dns)
    out['dns ' + name] = await dns.lookup(name).then(() => 'resolved', (e) => e.code);
  console.log(JSON.stringify(out));
})();`;

const service = (component: string, port = 80) => [`${RELEASE}-${component}`, port];

/** Runs PROBE in a new pod with these labels; returns what it reached. */
async function probeFrom(name: string, labels: Record<string, string>, targets: object) {
  const [image] = podsOf('backend').map((pod) => pod.image);
  kube(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels },
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 10001,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [
          {
            name: 'probe',
            image,
            imagePullPolicy: 'Never',
            args: ['-e', PROBE],
            env: [{ name: 'TARGETS', value: JSON.stringify(targets) }],
            resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '96Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
          },
        ],
      },
    }),
  );
  try {
    await eventually(
      `probe pod ${name} to finish`,
      () => {
        const phase = kube(['get', 'pod', name, '-o', 'jsonpath={.status.phase}']);
        return phase === 'Succeeded' || phase === 'Failed' ? phase : undefined;
      },
      120_000,
    );
    return JSON.parse(kube(['logs', name]));
  } finally {
    kube(['delete', 'pod', name, '--wait=false', '--ignore-not-found']);
  }
}

/** Pods of the release kube-router has put behind a firewall chain (their REJECT rule exists). */
function firewalledPods(): string[] {
  const rules = execFileSync('iptables-save', ['-t', 'filter'], { encoding: 'utf8' });
  return [...rules.matchAll(/REJECT traffic destined for POD name:(\S+) namespace: (\S+)"/g)]
    .filter((match) => match[2] === NAMESPACE)
    .map((match) => match[1] as string);
}

describe('NetworkPolicies, enforced by kube-router', () => {
  beforeAll(async () => {
    await waitUntilEveryPodReady();
    // kube-router firewalls a new pod at its next sync; until then the pod accepts anything. A
    // release just reinstalled (06) can have such pods: wait, or a refusal test could pass by luck.
    const pods = (['backend', 'frontend', 'postgresql'] as const).flatMap((component) =>
      podsOf(component).map((pod) => pod.name),
    );
    await eventually(
      'kube-router to firewall every pod of the release',
      () => {
        const firewalled = firewalledPods();
        return pods.every((pod) => firewalled.includes(pod)) ? true : undefined;
      },
      120_000,
    );
  }, 420_000);

  it('the release has its policies, and the cluster an engine that enforces them', () => {
    const policies = kubeJson<{ items: any[] }>(['get', 'networkpolicies']).items;
    expect(policies.map((p) => p.metadata.name).sort()).toEqual(
      ['backend', 'frontend', 'postgresql', 'test'].map((c) => `${RELEASE}-${c}`),
    );
    // kube-router programs one firewall chain per pod that a policy selects.
    const chains = execFileSync('iptables-save', ['-t', 'filter'], { encoding: 'utf8' });
    expect(chains).toMatch(/:KUBE-POD-FW-/);
    expect(chains).toMatch(/:KUBE-NWPLCY-/);
  });

  it('the app works end to end through the ingress: UI → API → database, and helm test', async () => {
    const client = await ApiClient.forAccount(`policies-${Date.now()}@example.test`);
    await client.createTask('Allowed by policy');
    expect((await client.allTasks()).map((t) => t.title)).toContain('Allowed by policy');
    // The UI's server reaches the API: a signed-in page render checks the session there.
    const page = await viaIngress('/', { headers: { cookie: `todo_session=${client.token}` } });
    expect([page.status, page.body.includes('Sign in ·')]).toEqual([200, false]);
    const test = helm(['test', RELEASE, '--timeout', '3m']);
    expect({ status: test.status, output: test.output }).toMatchObject({ status: 0 });
  });

  it('a pod without the allowed labels reaches neither the database nor the API', async () => {
    const reached = await probeFrom(
      `np-stranger-${Date.now().toString(36)}`,
      { app: 'stranger' },
      {
        tcp: [service('postgresql', 5432), service('backend'), service('frontend')],
        dns: [`${RELEASE}-backend.${NAMESPACE}.svc.cluster.local`],
      },
    );
    expect(reached).toEqual({
      [`${RELEASE}-postgresql:5432`]: 'blocked',
      [`${RELEASE}-backend:80`]: 'blocked',
      [`${RELEASE}-frontend:80`]: 'blocked',
      // Its own traffic is not restricted (no policy selects it): the refusals above are the
      // database's and the API's policies at work.
      [`dns ${RELEASE}-backend.${NAMESPACE}.svc.cluster.local`]: 'resolved',
    });
  });

  it('the helm test pod’s labels reach the API and the UI, and still not the database', async () => {
    const reached = await probeFrom(
      `np-tester-${Date.now().toString(36)}`,
      {
        'app.kubernetes.io/name': 'todo',
        'app.kubernetes.io/instance': RELEASE,
        'app.kubernetes.io/component': 'test',
      },
      { tcp: [service('backend'), service('frontend'), service('postgresql', 5432)], dns: [] },
    );
    expect(reached).toEqual({
      [`${RELEASE}-backend:80`]: 'open',
      [`${RELEASE}-frontend:80`]: 'open',
      [`${RELEASE}-postgresql:5432`]: 'blocked',
    });
  });

  it('the API reaches only the database and DNS', () => {
    const [api] = podsOf('backend');
    const kubernetesApi = kubectl([
      'get',
      'service',
      'kubernetes',
      '-n',
      'default',
      '-o',
      'jsonpath={.spec.clusterIP}',
    ]);
    const dnsPod = kubectl([
      'get',
      'pods',
      '-n',
      'kube-system',
      '-l',
      'k8s-app=kube-dns',
      '-o',
      'jsonpath={.items[0].status.podIP}',
    ]);
    const reached = JSON.parse(
      execInPod(
        api!.name,
        'backend',
        `process.env.TARGETS = ${JSON.stringify(
          JSON.stringify({
            tcp: [
              service('postgresql', 5432),
              [dnsPod, 53],
              service('frontend'),
              [`${RELEASE}-backend`, 80],
              [kubernetesApi, 443],
            ],
            dns: [`${nameOf('frontend')}.${NAMESPACE}.svc.cluster.local`],
          }),
        )};${PROBE}`,
      ),
    );
    expect(reached).toEqual({
      [`${RELEASE}-postgresql:5432`]: 'open',
      [`${dnsPod}:53`]: 'open',
      [`${RELEASE}-frontend:80`]: 'blocked',
      [`${RELEASE}-backend:80`]: 'blocked',
      [`${kubernetesApi}:443`]: 'blocked',
      [`dns ${nameOf('frontend')}.${NAMESPACE}.svc.cluster.local`]: 'resolved',
    });
  });
});
