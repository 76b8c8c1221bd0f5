import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MARKED_DOCUMENTS,
  VERIFICATION_MARKERS,
  markdownFiles,
  shellBlocks,
  shellCommands,
} from '@todo/testing';
import { TargetsByProject, commandProblems } from './documented-commands';
import { loadValuesSchema } from './values-schema';

// The commands the documentation shows cannot drift: every shell block in the repository's
// Markdown names only Nx targets, chart values and files that exist. The user documents mark
// each block with how it is verified; the checked ones run on todo-local in
// infra/k8s/e2e/10-quickstart.test.ts, the others are at least checked here.

const ROOT = join(__dirname, '../..');

function workspaceTargets(): TargetsByProject {
  const dir = mkdtempSync(join(tmpdir(), 'nx-graph-'));
  try {
    execFileSync('npx', ['nx', 'graph', `--file=${join(dir, 'graph.json')}`], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
    const { graph } = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8'));
    return new Map(
      Object.entries<any>(graph.nodes).map(([name, node]) => [
        name,
        new Set(Object.keys(node.data.targets ?? {})),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const shellBlocksOf = (file: string) => shellBlocks(readFileSync(join(ROOT, file), 'utf8'));
const MARKERS: readonly string[] = VERIFICATION_MARKERS;

describe('documented commands', () => {
  let targets: TargetsByProject;
  const schema = loadValuesSchema(ROOT);
  beforeAll(() => {
    targets = workspaceTargets();
  });

  it('the checks know the workspace', () => {
    expect(targets.get('infra')).toContain('deploy');
    expect(targets.get('chart')).toContain('undeploy');
  });

  it.each(markdownFiles(ROOT))(
    '%s: names only targets, chart values and files that exist',
    (file) => {
      const problems = shellBlocksOf(file).flatMap((block) =>
        shellCommands(block.body).flatMap((words) =>
          commandProblems(words, ROOT, targets, schema).map(
            (problem) => `${file}:${block.line}: ${words.join(' ')}\n    ${problem}`,
          ),
        ),
      );
      expect(problems).toEqual([]);
    },
  );

  it.each(MARKED_DOCUMENTS)('%s: every shell block says how it is verified', (file) => {
    const unmarked = shellBlocksOf(file)
      .filter((block) => block.markers.filter((marker) => MARKERS.includes(marker)).length !== 1)
      .map((block) => `${file}:${block.line}: ${block.language} ${block.markers.join(' ')}`);
    expect(unmarked).toEqual([]);
    const counts = Object.fromEntries(
      MARKERS.map((marker) => [
        marker,
        shellBlocksOf(file).filter((block) => block.markers.includes(marker)).length,
      ]),
    );
    console.log(`${file}: shell blocks by verification ${JSON.stringify(counts)}`);
  });

  it('the quickstart runs on todo-local: it has checked blocks', () => {
    expect(
      shellBlocksOf(MARKED_DOCUMENTS[0]!).filter((block) => block.markers.includes('checked'))
        .length,
    ).toBeGreaterThan(0);
  });

  it('the checks find the errors they are for', () => {
    const problems = (line: string) =>
      shellCommands(line).flatMap((words) => commandProblems(words, ROOT, targets, schema));
    expect(problems('npx nx run infra:deploy')).toEqual([]);
    expect(problems('npx nx run infra:deploi')).toEqual(['project infra has no target "deploi"']);
    expect(problems('nx run-many -t docker-build -p backend frontend')).toEqual([]);
    expect(problems('nx affected -t deploy')).toEqual([]);
    expect(problems('npx nx e2e backend-test')).toEqual([]);
    expect(problems('npx nx e2e nothing')).toEqual(['no Nx project "nothing"']);
    expect(
      problems(
        'helm upgrade todo infra/helm/todo -n todo --reuse-values --set frontend.config.appTitle="Team Tasks",backend.replicas=2',
      ),
    ).toEqual([]);
    expect(problems('helm upgrade todo infra/helm/todo --set backend.replica=2')).toEqual([
      `the chart's values schema (infra/helm/todo/values.schema.json) has no "backend.replica"`,
    ]);
    expect(problems('helm install todo infra/helm/todo -f infra/helm/todo/nope.yaml')).toEqual([
      'no file or folder infra/helm/todo/nope.yaml in the repository',
    ]);
  });
});
