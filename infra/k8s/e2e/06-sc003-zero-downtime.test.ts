import { eventually, type Reply, viaIngress } from '../test/cluster';
import { figure } from './figures';
import { ApiClient } from './api-client';
import { type LoadRequest, underLoad } from './load';
import {
  type Component,
  RELEASE,
  helm,
  forgetRetaggedImages,
  helmInBackground,
  kube,
  everyPodReady,
  kubeJson,
  loadRetagged,
  nameOf,
  nx,
  podsInBoth,
  podsOf,
  readyEndpoints,
  restoreReleaseAfterwards,
  revision,
  rolledOut,
  secondsSince,
  userValues,
  waitUntilEveryPodReady,
  upgradeArgs,
} from './release';

// SC-003: rollouts lose no request, restarts lose no data, a database outage is a clean 503 that
// heals by itself, a redeploy starts a stopped database, and uninstall + reinstall keeps the data
// and the accounts.
// Expects: the release deployed, every pod Ready. Leaves: the same (the release reinstalled by
// `nx run infra:deploy`, with its data).

const isProblem = (reply: Reply, status: number) =>
  reply.status === status &&
  String(reply.headers['content-type']).startsWith('application/problem+json') &&
  reply.json?.status === status;

describe('SC-003: no downtime, no data loss', () => {
  let client: ApiClient;
  beforeAll(async () => {
    await waitUntilEveryPodReady();
    client = await ApiClient.forAccount(`sc003-${Date.now()}@example.test`);
  }, 300_000);

  describe('rolling updates under load through the ingress', () => {
    restoreReleaseAfterwards();
    afterAll(forgetRetaggedImages);

    const apiRequests: LoadRequest[] = [
      { name: 'GET /api/tasks', send: (agent) => client.send('/api/tasks?limit=20', { agent }) },
      {
        name: 'POST /api/tasks',
        send: (agent) =>
          client.send('/api/tasks', {
            method: 'POST',
            body: { title: 'Load during a rollout' },
            agent,
          }),
      },
    ];
    const uiRequests: LoadRequest[] = [
      {
        name: 'GET / (signed in)',
        send: (agent) =>
          viaIngress('/', { headers: { cookie: `todo_session=${client.token}` }, agent }),
        ok: (reply) => reply.status === 200 && reply.body.includes('</html>'),
      },
      ...apiRequests,
    ];

    it.each([
      ['backend', apiRequests],
      ['frontend', uiRequests],
    ] as [Exclude<Component, 'postgresql'>, LoadRequest[]][])(
      'a %s rolling update to a new image tag fails no request',
      async (component, requests) => {
        const before = podsOf(component);
        const tag = loadRetagged(component, `rollout${Date.now().toString(36)}`);
        const started = Date.now();
        const { load } = await underLoad(
          requests,
          async () => {
            await helmInBackground(upgradeArgs(`${component}.image.tag=${tag}`));
            await waitUntilEveryPodReady();
          },
          { connections: 8, maxRequests: 40_000, maxSeconds: 240 },
        );
        figure(`${component} rolling update under load → done`, secondsSince(started));
        figure(
          `${component} rolling update: requests sent/failed`,
          `${load.sent}/${load.failed}`,
          '',
        );
        expect(load.failures).toEqual([]);
        expect(load.sent).toBeGreaterThan(100);
        const after = podsOf(component);
        expect(podsInBoth(before, after)).toEqual([]);
        for (const pod of after) expect(pod.image).toContain(`:${tag}`);
      },
    );
  });

  it('keeps every task through deleting the database pod and then every API pod', async () => {
    const created = [];
    for (let i = 1; i <= 20; i++) created.push((await client.createTask(`Keep me #${i}`)).id);

    const db = podsOf('postgresql')[0]!;
    kube(['delete', 'pod', db.name, '--wait=true']);
    rolledOut('postgresql');
    expect(podsOf('postgresql')[0]!.uid).not.toBe(db.uid);
    await eventually('/ready after the database restart', async () =>
      (await viaIngress('/ready')).status === 200 ? true : undefined,
    );

    const api = podsOf('backend');
    kube(['delete', 'pod', ...api.map((p) => p.name), '--wait=true']);
    rolledOut('backend');
    await waitUntilEveryPodReady();
    expect(podsInBoth(api, podsOf('backend'))).toEqual([]);

    const ids = await eventually('the task list', () =>
      client.allTasks().then((t) => t.map((x) => x.id)),
    );
    expect(ids).toEqual(expect.arrayContaining(created));
  });

  it('answers a database outage with 503s, keeps the API pods, and serves again when it is back', async () => {
    const apiBefore = podsOf('backend').map(({ name, restarts }) => ({ name, restarts }));
    kube(['scale', 'statefulset', nameOf('postgresql'), '--replicas=0']);
    const down = Date.now();
    try {
      // First the API itself says so, while readiness has not yet taken its pods out.
      let ready: Reply | undefined;
      while (Date.now() - down < 60_000) {
        ready = await viaIngress('/ready').catch(() => undefined);
        if (ready?.status === 503) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const tasks = await client.send('/api/tasks');
      expect([ready?.status, ready?.json]).toEqual([
        503,
        { status: 'not_ready', checks: { database: 'disconnected' } },
      ]);
      expect(isProblem(tasks, 503)).toBe(true);
      expect(tasks.headers['retry-after']).toMatch(/^\d+$/);
      figure('database scaled to 0 → /ready 503 through the ingress', secondsSince(down));

      // Then readiness empties the API's endpoints, and the ingress answers 503 for the API's
      // paths itself, instead of letting the UI's catch-all route answer them.
      await eventually(
        'no ready API endpoint',
        () => (readyEndpoints('backend').length === 0 ? true : undefined),
        60_000,
      );
      const emptied = Date.now();
      for (const path of ['/ready', '/health', '/api/tasks']) {
        // The ingress controller follows the EndpointSlice a moment later.
        const reply = await eventually(
          `${path} answered by the ingress`,
          async () => {
            const r = await viaIngress(path);
            return r.status === 503 && !r.body.includes('"status"') ? r : undefined;
          },
          30_000,
        );
        expect({ path, status: reply.status, html: reply.body.includes('<html') }).toEqual({
          path,
          status: 503,
          html: false,
        });
      }
      figure('no ready API pod → ingress answers 503 for the API paths', secondsSince(emptied));
      // Liveness does not depend on the database: nothing restarts, however long it lasts.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, 90_000 - (Date.now() - down))),
      );
      expect(podsOf('backend').map(({ name, restarts }) => ({ name, restarts }))).toEqual(
        apiBefore,
      );
    } finally {
      kube(['scale', 'statefulset', nameOf('postgresql'), '--replicas=1']);
    }
    const back = Date.now();
    await eventually(
      'the task list through the ingress',
      async () => ((await client.send('/api/tasks')).status === 200 ? true : undefined),
      180_000,
    );
    figure('database back → task list served again through the ingress', secondsSince(back));
    await waitUntilEveryPodReady();
    expect(podsOf('backend').map(({ name, restarts }) => ({ name, restarts }))).toEqual(apiBefore);
  });

  it('nx run infra:deploy starts a database left scaled to 0: no step of the upgrade waits on it', async () => {
    // E.g. an outage like the one above that someone never ended. A pre-upgrade migration hook
    // would wait for the database before the upgrade could start it: it never would.
    const apiBefore = podsOf('backend').map(({ name, restarts }) => ({ name, restarts }));
    kube(['scale', 'statefulset', nameOf('postgresql'), '--replicas=0']);
    await eventually('the database pod to be gone', () =>
      podsOf('postgresql').length === 0 ? true : undefined,
    );
    const started = Date.now();
    expect(nx(['run', 'chart:deploy', '--exclude-task-dependencies'])).toMatch(
      /revision \d+, deployed/,
    );
    figure(
      'nx run infra:deploy with the database scaled to 0 → every pod Ready',
      secondsSince(started),
    );
    expect(everyPodReady()).toBe(true);
    expect(podsOf('postgresql').filter((p) => p.ready)).toHaveLength(1);
    expect((await client.send('/api/tasks')).status).toBe(200);
    // Nothing of the API changed, so its pods stayed; readiness alone took them out and back.
    expect(podsOf('backend').map(({ name, restarts }) => ({ name, restarts }))).toEqual(apiBefore);
  });

  it('nx run chart:undeploy, then deploy: the same account, tasks and session are there', async () => {
    const tasks = (await client.allTasks()).map((t) => t.id).sort();
    expect(tasks.length).toBeGreaterThanOrEqual(20);

    nx(['run', 'chart:undeploy']);
    expect(helm(['status', RELEASE]).status).not.toBe(0);
    await eventually('the release’s pods to be gone', () =>
      kubeJson<{ items: unknown[] }>(['get', 'pods']).items.length === 0 ? true : undefined,
    );
    // What uninstall leaves, as documented: the password Secret and the data volume, nothing else.
    const left = kube([
      'get',
      'all,pvc,secrets,configmaps,jobs,ingresses,networkpolicies',
      '-o',
      'name',
    ])
      .split('\n')
      .filter((name) => name && name !== 'configmap/kube-root-ca.crt')
      .sort();
    expect(left).toEqual([
      `persistentvolumeclaim/data-${nameOf('postgresql')}-0`,
      `secret/${nameOf('db')}`,
    ]);

    const started = Date.now();
    nx(['run', 'chart:deploy', '--exclude-task-dependencies']);
    figure('nx run infra:deploy onto the retained volume → every pod Ready', secondsSince(started));
    expect(revision()).toBe(1);
    expect(userValues().ingress.className).toBe('traefik');

    const again = await ApiClient.signIn(client.email);
    expect((await again.allTasks()).map((t) => t.id).sort()).toEqual(tasks);
    // Sessions live in the database too: the token issued before the uninstall still works.
    expect((await client.send('/api/auth/me')).status).toBe(200);
  });
});
