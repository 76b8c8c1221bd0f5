import {
  NAMESPACE,
  builtImage,
  ctr,
  eventually,
  kubectl,
  kubectlJson,
  runScript,
  viaIngress,
} from './cluster';

// Images through a registry, the path for clusters beyond one machine: the minikube-load step
// with TODO_REGISTRY set pushes the content-tagged images (push-image.sh) to a registry on
// loopback (CNCF Distribution built from the Go module proxy, cluster:registry-up), deploy.sh
// points the chart's image.registry at it, and the node pulls them: nothing is `ctr import`ed.
// Expects: the release deployed. Leaves: the release back on the loaded images, no registry.

const REGISTRY = '127.0.0.1:5000';
const APPS = ['backend', 'frontend'] as const;
type App = (typeof APPS)[number];
// The built images do not change during this file: ask image-ref.sh once per app.
const images = new Map<App, string>();
const imageOf = (app: App) => images.get(app) ?? images.set(app, builtImage(app)).get(app)!;
const inRegistry = (app: App) => `${REGISTRY}/${imageOf(app)}`;

async function registryJson<T>(path: string): Promise<T> {
  const response = await fetch(`http://${REGISTRY}/v2/${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('images through a registry (TODO_REGISTRY)', () => {
  // The node holds nothing under the registry's name before or after this file.
  const forgetRegistryImages = () => {
    for (const app of APPS) ctr(['images', 'rm', inRegistry(app)]);
  };
  beforeAll(() => {
    forgetRegistryImages();
    runScript('infra/k8s/scripts/registry-up.sh');
  }, 300_000);
  afterAll(() => {
    // Back to the loaded images (the load step, then the deploy step, as before this file).
    for (const app of APPS) runScript('infra/docker/scripts/load-image.sh', [app]);
    runScript('infra/helm/scripts/deploy.sh');
    runScript('infra/k8s/scripts/registry-down.sh');
    forgetRegistryImages();
    // The pulls were this file's doing: the deploy test (02) asserts a release that pulled nothing.
    kubectl(['-n', NAMESPACE, 'delete', 'events', '--field-selector', 'reason=Pulling']);
  }, 600_000);

  it('the load step pushes both images under their content-addressed tags', async () => {
    for (const app of APPS) {
      expect(
        runScript('infra/docker/scripts/load-image.sh', [app], { TODO_REGISTRY: REGISTRY }),
      ).toContain(`pushed ${inRegistry(app)}`);
    }
    const catalog = await registryJson<{ repositories: string[] }>('_catalog');
    expect(catalog.repositories).toEqual(expect.arrayContaining(['todo-backend', 'todo-frontend']));
    for (const app of APPS) {
      const tags = await registryJson<{ tags: string[] }>(`todo-${app}/tags/list`);
      expect(tags.tags).toContain(imageOf(app).split(':')[1]);
    }
  });

  it('deploy makes the node pull them from the registry, and the app answers', async () => {
    // Only a pull can bring the registry's images onto the node.
    const onNode = () => ctr(['images', 'ls', '-q']).split('\n');
    for (const app of APPS) expect(onNode()).not.toContain(inRegistry(app));

    runScript('infra/helm/scripts/deploy.sh', [], { TODO_REGISTRY: REGISTRY });

    for (const app of APPS) {
      const pods = kubectlJson<{ items: any[] }>([
        '-n',
        NAMESPACE,
        'get',
        'pods',
        '-l',
        `app.kubernetes.io/component=${app}`,
      ]).items.filter((pod) => !pod.metadata.deletionTimestamp);
      expect(pods.length).toBeGreaterThan(0);
      for (const pod of pods) {
        const container =
          pod.spec.containers.find((c: { name: string }) => c.name === app) ??
          pod.spec.containers[0];
        expect({ image: container.image, pullPolicy: container.imagePullPolicy }).toEqual({
          image: inRegistry(app),
          pullPolicy: 'IfNotPresent',
        });
      }
      expect(onNode()).toContain(inRegistry(app));
    }
    const pulled = kubectlJson<{ items: { reason: string; message: string }[] }>([
      '-n',
      NAMESPACE,
      'get',
      'events',
      '--field-selector',
      'reason=Pulled',
    ]).items.map((event) => event.message);
    for (const app of APPS) {
      expect(
        pulled.some((message) =>
          message.includes(`Successfully pulled image "${inRegistry(app)}"`),
        ),
      ).toBe(true);
    }
    const health = await eventually('the API answers through the ingress', async () => {
      const reply = await viaIngress('/api/openapi.json');
      return reply.status === 200 ? reply : undefined;
    });
    expect(health.json.info.title).toBe('Todo API');
  });
});
