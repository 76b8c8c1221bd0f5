import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chartDir, ciValuesFiles, helmBinary, renderText } from './render';

// Independent tools over the rendered manifests of every ci values file.

const KUBERNETES_VERSION = '1.34.0';
// Newest schema set kubernetes-validate bundles: an API removed by then has no schema there.
const NEWEST_BUNDLED_VERSION = '1.37.0';

/** kube-score checks ignored, and why. Each one is a deliberate choice, not a silenced finding. */
const KUBE_SCORE_IGNORED: Record<string, string> = {
  'container-image-pull-policy':
    'images are loaded into the node (minikube image load, nx run <app>:minikube-load) and no ' +
    'registry holds them; Always would make every start pull and fail. With a registry, set ' +
    '<component>.image.pullPolicy=Always.',
};
const KUBE_SCORE_IGNORED_PER_FILE: Record<string, Record<string, string>> = {
  'minimal-values.yaml': {
    'pod-networkpolicy': 'this variant turns networkPolicy.enabled off on purpose',
  },
};
/** Single findings accepted in one variant: [check id, container], and why. */
const KUBE_SCORE_ACCEPTED_PER_FILE: Record<string, [string, string, string][]> = {
  'todo-local-values.yaml': [
    [
      'container-security-context-user-group-id',
      'volume-permissions',
      'the hostPath provisioner creates root-owned 0750 volumes; only root (with CHOWN and ' +
        'FOWNER, nothing else) can hand them to the database user',
    ],
  ],
};
// Custom resources have no schema in the Kubernetes OpenAPI set.
const CUSTOM_RESOURCE_GROUPS = ['monitoring.coreos.com/'];

const tool = (name: string) => {
  const path = process.env[name];
  if (!path) throw new Error(`${name} is not set: the Jest global setup installs it`);
  return path;
};

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'todo-chart-check-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const rendered = new Map<string, string>();
/** The render of one values file, written once per run for the file-based checkers. */
function manifestFile(valuesFile: string): string {
  const file = join(workDir, basename(valuesFile, '.yaml') + '.rendered.yaml');
  if (!rendered.has(valuesFile)) {
    writeFileSync(
      file,
      renderText({ valuesFiles: [valuesFile], extraArgs: ['--kube-version', KUBERNETES_VERSION] }),
    );
    rendered.set(valuesFile, file);
  }
  return file;
}

interface KubeScoreCheck {
  check: { id: string };
  grade: number;
  skipped: boolean;
  comments: { summary: string; path: string }[] | null;
}
const CRITICAL = 1;
const WARNING = 5;

describe.each(ciValuesFiles)('%s', (valuesFile) => {
  const fileName = basename(valuesFile);

  it.each([3, 4] as const)('passes helm %d lint --strict for Kubernetes 1.34', (major) => {
    const result = spawnSync(
      helmBinary(major),
      ['lint', chartDir, '--strict', '--values', valuesFile, '--kube-version', KUBERNETES_VERSION],
      { encoding: 'utf8' },
    );
    expect({ status: result.status, output: result.stdout + result.stderr }).toMatchObject({
      status: 0,
    });
    // A deprecated API version would show up as a lint warning.
    expect(result.stdout).not.toMatch(/deprecated/i);
  });

  it('has no critical kube-score finding', () => {
    const ignored = { ...KUBE_SCORE_IGNORED, ...KUBE_SCORE_IGNORED_PER_FILE[fileName] };
    const args = ['score', '--kubernetes-version', 'v1.34', '--output-format', 'json'];
    for (const id of Object.keys(ignored)) args.push('--ignore-test', id);
    const result = spawnSync(tool('TODO_KUBE_SCORE'), [...args, manifestFile(valuesFile)], {
      encoding: 'utf8',
    });
    const scored = JSON.parse(result.stdout) as { object_name: string; checks: KubeScoreCheck[] }[];
    const accepted = KUBE_SCORE_ACCEPTED_PER_FILE[fileName] ?? [];
    const isAccepted = (check: KubeScoreCheck) =>
      (check.comments ?? []).length > 0 &&
      (check.comments ?? []).every((comment) =>
        accepted.some(([id, container]) => id === check.check.id && comment.path === container),
      );
    const findings = (grade: number) =>
      scored.flatMap((object) =>
        object.checks
          .filter((check) => !check.skipped && check.grade === grade)
          .filter((check) => !isAccepted(check))
          .map(
            (check) =>
              `${object.object_name}: ${check.check.id}: ${(check.comments ?? []).map((c) => c.summary).join('; ')}`,
          ),
      );
    expect(findings(CRITICAL)).toEqual([]);
    if (fileName !== 'minimal-values.yaml') expect(findings(WARNING)).toEqual([]);
  });

  it.each([KUBERNETES_VERSION, NEWEST_BUNDLED_VERSION])(
    'validates against the Kubernetes %s OpenAPI schemas (strict), with no removed API',
    (version) => {
      const file = manifestFile(valuesFile);
      const result = spawnSync(
        tool('TODO_KUBERNETES_VALIDATE'),
        ['-k', version, '--strict', '--quiet', file],
        {
          encoding: 'utf8',
        },
      );
      const output = (result.stdout + result.stderr).trim();
      expect({ status: result.status, output }).toMatchObject({ status: 0 });
      // kubernetes-validate only warns when an apiVersion/kind has no schema: a removed (or
      // misspelled) API. That is a failure here, except for custom resources.
      const unknown = output
        .split('\n')
        .filter((line) => line.includes("Couldn't find schema"))
        .filter((line) => !CUSTOM_RESOURCE_GROUPS.some((group) => line.includes(group)));
      expect(unknown).toEqual([]);
    },
  );
});

it('the custom-resource allowance really is needed only for the ServiceMonitor and PrometheusRule', () => {
  const rendered = execFileSync(
    helmBinary(3),
    ['template', 'todo', chartDir, '--values', ciValuesFiles[2] as string],
    {
      encoding: 'utf8',
    },
  );
  const apiVersions = [...new Set(rendered.match(/^apiVersion: .*$/gm))].sort();
  expect(apiVersions).toEqual([
    'apiVersion: apps/v1',
    'apiVersion: autoscaling/v2',
    'apiVersion: monitoring.coreos.com/v1',
    'apiVersion: networking.k8s.io/v1',
    'apiVersion: policy/v1',
    'apiVersion: v1',
  ]);
});

it('the removed-API check catches an API Kubernetes 1.34 no longer serves', () => {
  const file = join(workDir, 'removed-api.yaml');
  writeFileSync(
    file,
    'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: old\nspec:\n  maxUnavailable: 1\n',
  );
  const result = spawnSync(
    tool('TODO_KUBERNETES_VALIDATE'),
    ['-k', KUBERNETES_VERSION, '--strict', '--quiet', file],
    {
      encoding: 'utf8',
    },
  );
  expect(result.stdout + result.stderr).toContain("Couldn't find schema");
});
