import {
  apply,
  ctr,
  builtImage,
  eventually,
  kubectl,
  kubectlJson,
  runScript,
  viaIngress,
} from './cluster';

// Smoke tests of the running cluster (nx run cluster:up): the node, cluster DNS,
// Services through kube-proxy, storage, the ingress controller, and images loaded by the
// project's load step. Everything runs in a namespace of its own, deleted afterwards.

const namespace = `smoke-${Date.now().toString(36)}`;
const image = builtImage('backend');
const ingressHost = `${namespace}.todo.test`;

// The backend image is Node on a distroless-style base: these small programs are its payload.
const webServer =
  "require('node:http').createServer((req, res) => res.end('hello from ' + process.env.HOSTNAME))" +
  '.listen(8080)';
const dnsAndServiceClient = `
const dns = require('node:dns').promises;
// kube-proxy programs a new Service a moment after its endpoints turn Ready: retry briefly.
async function get(url) {
  for (let attempt = 1; ; attempt++) {
    try { return await (await fetch(url)).text(); } catch (e) {
      if (attempt >= 30) throw e;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
(async () => {
  const out = {};
  out.short = (await dns.lookup('web')).address;
  out.fqdn = (await dns.lookup('web.${namespace}.svc.cluster.local')).address;
  try { await dns.lookup('example.com'); out.outside = 'resolved'; } catch (e) { out.outside = e.code; }
  out.byName = await get('http://web/');
  out.byClusterIp = await get('http://' + out.fqdn + '/');
  console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });`;

const securityContext = {
  runAsNonRoot: true,
  runAsUser: 10001,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};
const container = (name: string, script: string) => ({
  name,
  image,
  // IfNotPresent: were the image missing, the kubelet would try to pull it and fail.
  imagePullPolicy: 'IfNotPresent',
  args: ['-e', script],
  securityContext,
  resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
});

beforeAll(() => {
  kubectl(['create', 'namespace', namespace]);
}, 60_000);

afterAll(() => {
  kubectl(['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']);
});

describe('the todo-local cluster', () => {
  it('has one Ready node running Kubernetes v1.34 on containerd 1.6', () => {
    const nodes = kubectlJson<{ items: any[] }>(['get', 'nodes']).items;
    expect(nodes).toHaveLength(1);
    const [node] = nodes;
    expect(node.status.nodeInfo.kubeletVersion).toMatch(/^v1\.34\.\d+$/);
    expect(node.status.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\/1\.6\./);
    const ready = node.status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(ready.status).toBe('True');
    const server = JSON.parse(kubectl(['version', '-o', 'json'])).serverVersion;
    expect(server.gitVersion).toMatch(/^v1\.34\.\d+$/);
  });

  it("loads an image with the project's load step, and a pod starts from it without a pull", async () => {
    // Forget the image first (a deploy may have loaded it), so that only the load step can
    // have put it there.
    const reference = `docker.io/library/${image}`;
    ctr(['images', 'rm', reference]);
    expect(ctr(['images', 'ls', '-q']).split('\n')).not.toContain(reference);
    // The load step exactly as the minikube-load targets run it, on the todo-local context.
    const loadOutput = runScript('infra/docker/scripts/load-image.sh', ['backend']);
    expect(loadOutput).toContain(`Loaded ${image}`);
    expect(ctr(['images', 'ls', '-q']).split('\n')).toContain(reference);
    apply(
      namespace,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                { ...container('web', webServer), ports: [{ name: 'http', containerPort: 8080 }] },
              ],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
      },
    );
    kubectl(['-n', namespace, 'rollout', 'status', 'deploy/web', '--timeout=120s']);
    const events = kubectlJson<{ items: { reason: string; message: string }[] }>([
      '-n',
      namespace,
      'get',
      'events',
    ]).items;
    expect(events.filter((e) => e.reason === 'Pulling')).toEqual([]);
    expect(events).toContainEqual(
      expect.objectContaining({
        reason: 'Pulled',
        message: expect.stringContaining('already present on machine'),
      }),
    );
  });

  it('resolves Service names through CoreDNS, reaches the ClusterIP, and resolves nothing outside', async () => {
    apply(namespace, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'client' },
      spec: { restartPolicy: 'Never', containers: [container('client', dnsAndServiceClient)] },
    });
    const phase = await eventually(
      'the client pod to finish',
      () => {
        const p = kubectl([
          '-n',
          namespace,
          'get',
          'pod',
          'client',
          '-o',
          'jsonpath={.status.phase}',
        ]);
        return p === 'Succeeded' || p === 'Failed' ? p : undefined;
      },
      120_000,
    );
    const logs = kubectl(['-n', namespace, 'logs', 'client']);
    expect({ phase, logs }).toEqual({ phase: 'Succeeded', logs: expect.any(String) });
    const result = JSON.parse(logs);
    const clusterIp = kubectl([
      '-n',
      namespace,
      'get',
      'svc',
      'web',
      '-o',
      'jsonpath={.spec.clusterIP}',
    ]);
    expect(result).toEqual({
      short: clusterIp,
      fqdn: clusterIp,
      // CoreDNS has no upstream: names outside the cluster fail instead of leaving it.
      outside: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN|ESERVFAIL|EREFUSED)$/),
      byName: expect.stringMatching(/^hello from web-/),
      byClusterIp: expect.stringMatching(/^hello from web-/),
    });
  });

  it('binds a PersistentVolumeClaim through the default StorageClass', () => {
    apply(namespace, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '16Mi' } } },
    });
    kubectl([
      '-n',
      namespace,
      'wait',
      'pvc/data',
      '--for=jsonpath={.status.phase}=Bound',
      '--timeout=60s',
    ]);
    const claim = kubectlJson(['-n', namespace, 'get', 'pvc', 'data']);
    expect(claim.spec.storageClassName).toBe('standard');
  });

  it('routes an Ingress host on the loopback port to its Service, and only that host', async () => {
    apply(namespace, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: {
        ingressClassName: 'traefik',
        rules: [
          {
            host: ingressHost,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    const response = await eventually('the ingress route', async () => {
      const r = await viaIngress('/', { host: ingressHost });
      return r.status === 200 ? r : undefined;
    });
    expect(response.body).toMatch(/^hello from web-/);
    expect((await viaIngress('/', { host: `other-${ingressHost}` })).status).toBe(404);
    // Traefik publishes its address on the Ingress, as kubectl get ingress shows it.
    const status = await eventually('the Ingress status', () => {
      const ingress = kubectlJson(['-n', namespace, 'get', 'ingress', 'web']);
      return ingress.status?.loadBalancer?.ingress?.[0];
    });
    expect(status).toEqual({ ip: '127.0.0.1' });
  });
});
