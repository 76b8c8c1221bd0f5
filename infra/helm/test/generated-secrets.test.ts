import { startApiStandIn, type ApiStandIn } from './api-stand-in';
import { find, render, type K8sObject, type RenderOptions } from './render';

const password = (options: RenderOptions) => {
  const secret = find(render(options), 'Secret', '-db');
  return Buffer.from(secret.data['postgres-password'], 'base64').toString();
};

/** The Secret as a `helm install` leaves it: owned by the release, which Helm 4 checks. */
const installed = (secret: K8sObject): K8sObject => ({
  ...secret,
  metadata: {
    ...secret.metadata,
    labels: { ...secret.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' },
    annotations: {
      ...secret.metadata.annotations,
      'meta.helm.sh/release-name': 'todo',
      'meta.helm.sh/release-namespace': 'todo',
    },
  },
});

describe.each([3, 4] as const)('generated database password with Helm %d', (helm) => {
  let api: ApiStandIn;
  beforeEach(async () => {
    api = await startApiStandIn();
  });
  afterEach(() => api.close());
  const withCluster = (options: RenderOptions = {}): RenderOptions => ({
    ...options,
    helm,
    // The stand-in serves no OpenAPI document; the checkers suite validates schemas.
    extraArgs: ['--dry-run=server', '--disable-openapi-validation', '--kubeconfig', api.kubeconfig],
  });

  it('is created on the first install and kept by every upgrade', () => {
    const first = password(withCluster());
    expect(first).toMatch(/^[A-Za-z0-9]{32}$/);
    // The install stored it; an upgrade renders against the cluster that now holds it.
    const stored = find(render(withCluster()), 'Secret', '-db');
    stored.data['postgres-password'] = Buffer.from(first).toString('base64');
    api.setSecret(installed(stored));
    expect(password(withCluster())).toBe(first);
    expect(password(withCluster({ values: { backend: { replicas: 3 } } }))).toBe(first);
  });

  it('a password given in values wins over the stored one', () => {
    api.setSecret(
      installed({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'todo-db', namespace: 'todo' },
        data: { 'postgres-password': Buffer.from('stored').toString('base64') },
      }),
    );
    expect(password(withCluster({ values: { postgresql: { auth: { password: 'given' } } } }))).toBe(
      'given',
    );
  });

  it('each fresh install gets its own password', () => {
    expect(password(withCluster())).not.toBe(password(withCluster()));
  });
});
