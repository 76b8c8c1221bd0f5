import { figure } from './figures';
import {
  RELEASE,
  helm,
  helmOk,
  kubeJson,
  nameOf,
  podsOf,
  revision,
  secondsSince,
  waitUntilEveryPodReady,
  upgradeArgs,
} from './release';

// US5 (T038–T040, SC-004): upgrade and roll back with Helm, the plan's commands as written, with
// `helm test` passing after each step and `helm history` telling the story.
// Expects: the release deployed with 2 API replicas. Leaves: the same (rolled back).

function helmTestPasses() {
  const result = helm(['test', RELEASE, '--timeout', '3m']);
  expect({ status: result.status, output: result.output }).toMatchObject({ status: 0 });
  expect(result.output).toMatch(/Phase:\s+Succeeded/);
}

const apiReplicas = () =>
  kubeJson(['get', 'deployment', nameOf('backend')]).spec.replicas as number;
const readyApiPods = () => podsOf('backend').filter((pod) => pod.ready).length;

describe('US5: Helm install, upgrade and rollback', () => {
  let startRevision: number;
  beforeAll(async () => {
    await waitUntilEveryPodReady();
    startRevision = revision();
    expect(apiReplicas()).toBe(2);
  }, 300_000);

  it('accepts the plan’s upgrade command as written (backend.replicas)', () => {
    // Exactly the plan's command, checked against the live release by a server-side dry run: the
    // key is the Kubernetes field name and the strict schema accepts it. (Run for real without
    // --reuse-values, Helm 3 would also reset every other value to the chart's defaults.)
    const output = helmOk([
      'upgrade',
      RELEASE,
      'infra/helm/todo',
      '--set',
      'backend.replicas=2',
      '--dry-run=server',
    ]);
    expect(output).toMatch(/kind: Deployment\n[\s\S]*?name: todo-backend\n[\s\S]*?replicas: 2\n/);
    // A look-alike key is refused by name, not silently ignored.
    const wrong = helm([
      'upgrade',
      RELEASE,
      'infra/helm/todo',
      '--reuse-values',
      '--set',
      'backend.replicaCount=3',
      '--dry-run=server',
    ]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toContain('replicaCount');
  });

  it('upgrades to 3 API replicas, all Ready, and helm test passes', async () => {
    const started = Date.now();
    helmOk(upgradeArgs('backend.replicas=3'));
    await waitUntilEveryPodReady();
    figure('helm upgrade (API 2 → 3 replicas) → all Ready (SC-004)', secondsSince(started));
    expect([apiReplicas(), readyApiPods()]).toEqual([3, 3]);
    expect(revision()).toBe(startRevision + 1);
    helmTestPasses();
  });

  it('rolls back to the previous revision: 2 replicas again, and helm test passes', async () => {
    const started = Date.now();
    helmOk(['rollback', RELEASE, '--wait']);
    await waitUntilEveryPodReady();
    figure('helm rollback (3 → 2 replicas) → all Ready (SC-004)', secondsSince(started));
    expect([apiReplicas(), readyApiPods()]).toEqual([2, 2]);
    helmTestPasses();
  });

  it('shows every step in helm history', () => {
    const history = JSON.parse(helmOk(['history', RELEASE, '-o', 'json'])) as {
      revision: number;
      status: string;
      description: string;
    }[];
    expect(
      history.slice(-3).map(({ revision, status, description }) => [revision, status, description]),
    ).toEqual([
      [startRevision, 'superseded', expect.any(String)],
      [startRevision + 1, 'superseded', 'Upgrade complete'],
      [startRevision + 2, 'deployed', `Rollback to ${startRevision}`],
    ]);
  });
});
