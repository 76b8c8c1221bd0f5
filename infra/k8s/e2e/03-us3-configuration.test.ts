import { viaIngress } from '../test/cluster';
import { figure } from './figures';
import {
  type Component,
  execInPod,
  helmOk,
  kubeJson,
  nameOf,
  oldPodsGone,
  podsInBoth,
  podsOf,
  restoreReleaseAfterwards,
  secondsSince,
  waitUntilEveryPodReady,
  upgradeArgs,
} from './release';

// US3 (T031, SC-006): configuration comes from ConfigMaps and a Secret, reaches the running
// processes, and a change rolls only the pods it concerns, on the same image: no rebuild.
// The environment is read with the image's own Node through `kubectl exec` (distroless: no
// shell, no `env`), the way the README documents it for any cluster.
// Expects: the release deployed with the chart's default settings. Leaves: the same (rolled back).

const ENV_SCRIPT = 'process.stdout.write(JSON.stringify(process.env))';
const environmentOf = (pod: string, container: string): Record<string, string> =>
  JSON.parse(execInPod(pod, container, ENV_SCRIPT));
const configMap = (component: Component) =>
  kubeJson<{ data: Record<string, string> }>(['get', 'configmap', nameOf(component)]).data;
const databasePassword = () =>
  Buffer.from(
    kubeJson<{ data: Record<string, string> }>(['get', 'secret', nameOf('db')]).data[
      'postgres-password'
    ] as string,
    'base64',
  ).toString('utf8');
const identities = (component: Component) =>
  podsOf(component).map(({ uid, imageID }) => ({ uid, imageID }));

/**
 * helm upgrade --reuse-values with one setting, which concerns `component` only: its pods are
 * all replaced, on the same image ID (no rebuild), and the other app's pods are untouched.
 * Returns the seconds until every pod is Ready.
 */
async function changeSetting(setting: string, component: 'backend' | 'frontend') {
  const other = component === 'backend' ? 'frontend' : 'backend';
  const before = { changed: identities(component), untouched: identities(other) };
  const started = Date.now();
  helmOk(upgradeArgs(setting));
  await waitUntilEveryPodReady();
  const seconds = secondsSince(started);

  expect(identities(other)).toEqual(before.untouched);
  const rolled = identities(component);
  expect(podsInBoth(before.changed, rolled)).toEqual([]);
  const imageIDs = (pods: { imageID: string }[]) => new Set(pods.map((p) => p.imageID));
  expect(imageIDs(rolled)).toEqual(imageIDs(before.changed));
  return seconds;
}

describe('US3: configuration through ConfigMaps and Secrets, without rebuilding images', () => {
  restoreReleaseAfterwards();

  it('puts every ConfigMap value and the Secret into the running processes’ environment', () => {
    const password = databasePassword();
    for (const pod of podsOf('backend')) {
      const env = environmentOf(pod.name, 'backend');
      expect(env).toMatchObject(configMap('backend'));
      expect(env['PGPASSWORD']).toBe(password);
      expect(env['DATABASE_URL']).toBe(`postgres://todo@${nameOf('postgresql')}:5432/todo`);
    }
    for (const pod of podsOf('frontend')) {
      expect(environmentOf(pod.name, 'frontend')).toMatchObject({
        ...configMap('frontend'),
        APP_TITLE: 'Todo',
      });
    }
  });

  it('keeps every secret out of the ConfigMaps', () => {
    const password = databasePassword();
    expect(password.length).toBeGreaterThanOrEqual(16);
    for (const map of kubeJson<{ items: any[] }>(['get', 'configmaps']).items) {
      const text = JSON.stringify(map.data ?? {});
      expect({ name: map.metadata.name, leaks: text.includes(password) }).toEqual({
        name: map.metadata.name,
        leaks: false,
      });
      for (const key of Object.keys(map.data ?? {}))
        expect({ name: map.metadata.name, key }).not.toEqual({
          name: map.metadata.name,
          key: expect.stringMatching(/PASSWORD|SECRET|TOKEN|DATABASE_URL/i),
        });
    }
  });

  it('a new UI title rolls only the UI pods, on the same image, and the page shows it', async () => {
    const seconds = await changeSetting(
      'frontend.config.appTitle=Team Tasks on Kubernetes',
      'frontend',
    );
    figure('helm upgrade --reuse-values (UI title) → UI pods rolled and Ready', seconds);
    for (const pod of podsOf('frontend'))
      expect(environmentOf(pod.name, 'frontend')['APP_TITLE']).toBe('Team Tasks on Kubernetes');
    await oldPodsGone('frontend');
    const page = await viaIngress('/signin');
    expect(page.body).toContain('<title>Sign in · Team Tasks on Kubernetes</title>');
  });

  it('a new API log level rolls only the API pods, on the same image', async () => {
    const seconds = await changeSetting('backend.config.logLevel=debug', 'backend');
    figure('helm upgrade --reuse-values (API log level) → API pods rolled and Ready', seconds);
    for (const pod of podsOf('backend'))
      expect(environmentOf(pod.name, 'backend')['LOG_LEVEL']).toBe('debug');
  });
});
