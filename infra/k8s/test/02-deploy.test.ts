import {
  NAMESPACE,
  RELEASE,
  eventually,
  helm,
  imagePullEvents,
  kubectlJson,
  viaIngress,
} from './cluster';

// The app as `nx run infra:deploy` left it on the todo-local cluster (the test-cluster target
// depends on that target): every pod Ready, the chart's own test passing, and the Ingress
// sending / to the UI and /api, /health, /ready to the API on http://todo.local.

describe('the chart deployed by nx run infra:deploy', () => {
  it('is a deployed release with the todo-local values', () => {
    const status = JSON.parse(helm(['status', RELEASE, '-o', 'json']).output);
    expect(status.info.status).toBe('deployed');
    const values = JSON.parse(helm(['get', 'values', RELEASE, '-o', 'json']).output);
    expect(values).toMatchObject({
      ingress: { className: 'traefik' },
      postgresql: { volumePermissions: { enabled: true } },
    });
  });

  it('has every pod Ready and pulled no image', () => {
    const pods = kubectlJson<{ items: any[] }>(['-n', NAMESPACE, 'get', 'pods']).items;
    const states = pods.map((pod) => ({
      name: pod.metadata.name,
      state:
        pod.status.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status === 'True'
          ? 'Ready'
          : pod.status.phase,
    }));
    expect(states.filter((s) => s.state !== 'Ready')).toEqual([]);
    const components = new Set(
      pods.map((pod) => pod.metadata.labels['app.kubernetes.io/component']),
    );
    expect([...components].sort()).toEqual(
      expect.arrayContaining(['backend', 'frontend', 'postgresql']),
    );
    for (const kind of ['deployment', 'statefulset']) {
      for (const workload of kubectlJson<{ items: any[] }>(['-n', NAMESPACE, 'get', kind]).items) {
        expect({ name: workload.metadata.name, ready: workload.status.readyReplicas }).toEqual({
          name: workload.metadata.name,
          ready: workload.spec.replicas,
        });
      }
    }
    expect(imagePullEvents(NAMESPACE)).toEqual([]);
  });

  it('keeps the database on a bound PersistentVolumeClaim of the hostPath StorageClass', () => {
    const claims = kubectlJson<{ items: any[] }>(['-n', NAMESPACE, 'get', 'pvc']).items;
    expect(claims.map((c) => [c.spec.storageClassName, c.status.phase])).toEqual([
      ['standard', 'Bound'],
    ]);
  });

  it('passes its helm test', () => {
    const result = helm(['test', RELEASE, '--timeout', '3m']);
    expect({ status: result.status, output: result.output }).toMatchObject({ status: 0 });
    expect(result.output).toMatch(/Phase:\s+Succeeded/);
  });

  it('serves the API and the UI on http://todo.local through the ingress controller', async () => {
    const health = await eventually('the API behind the Ingress', async () => {
      const r = await viaIngress('/health');
      return r.status === 200 ? r : undefined;
    });
    expect(JSON.parse(health.body)).toEqual({ status: 'healthy' });
    const ready = await viaIngress('/ready');
    expect({ status: ready.status, body: JSON.parse(ready.body) }).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: 'connected' } },
    });
    // /api belongs to the API: an unknown API path is the API's problem+json 404, not a UI page.
    const unknown = await viaIngress('/api/no-such-route');
    expect({ status: unknown.status, type: unknown.headers['content-type'] }).toEqual({
      status: 404,
      type: expect.stringContaining('application/problem+json'),
    });
    const signIn = await viaIngress('/signin');
    expect({ status: signIn.status, type: signIn.headers['content-type'] }).toEqual({
      status: 200,
      type: expect.stringContaining('text/html'),
    });
    expect(signIn.body).toContain('<form');
  });
});
