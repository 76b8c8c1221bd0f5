import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, viaIngress } from '../test/cluster';
import { figure } from './figures';
import {
  nx,
  oldPodsGone,
  podsInBoth,
  podsOf,
  restoreReleaseAfterwards,
  secondsSince,
  userValues,
  waitUntilEveryPodReady,
} from './release';

// The Nx graph's promise: a change to the API alone, then `nx affected -t deploy`, rebuilds and
// redeploys only the API. Run in a throw-away clone of this work tree (committed there, so the
// change is the only difference from its HEAD), against the live release.
// Expects: the release deployed. Leaves: the same (rolled back to the API image it had).

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** A clone whose HEAD is this work tree as it is now, uncommitted changes included. */
function snapshotClone(): string {
  const clone = mkdtempSync(join(tmpdir(), 'todo-redeploy-'));
  git(ROOT, 'clone', '--quiet', '--no-hardlinks', ROOT, clone);
  const diff = git(ROOT, 'diff', 'HEAD', '--binary');
  if (diff) execFileSync('git', ['apply', '--whitespace=nowarn'], { cwd: clone, input: diff });
  for (const file of git(ROOT, 'ls-files', '--others', '--exclude-standard', '-z').split('\0')) {
    if (!file) continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(clone, file));
  }
  git(clone, 'add', '--all');
  git(
    clone,
    '-c',
    'user.name=e2e',
    '-c',
    'user.email=e2e@todo.test',
    'commit',
    '--quiet',
    '--allow-empty',
    '-m',
    'snapshot',
  );
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  return clone;
}

describe('nx affected -t deploy redeploys only what changed', () => {
  let clone: string;
  restoreReleaseAfterwards();
  beforeAll(() => {
    clone = snapshotClone();
  }, 300_000);
  afterAll(() => {
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  it('a change to the API alone builds, loads and rolls only the API', async () => {
    const api = podsOf('backend');
    const ui = podsOf('frontend');
    const uiTag = userValues().frontend.image.tag;
    const deployedApiImage = readFileSync(join(ROOT, 'dist/images/backend.tag'), 'utf8').trim();

    // A real code change: the API's OpenAPI document gets a new title.
    const title = `Todo API (redeployed ${Date.now().toString(36)})`;
    const openapi = join(clone, 'apps/backend/src/plugins/openapi.ts');
    const source = readFileSync(openapi, 'utf8');
    expect(source).toContain("title: 'Todo API',");
    writeFileSync(openapi, source.replace("title: 'Todo API',", `title: '${title}',`));

    const started = Date.now();
    const output = nx(['affected', '-t', 'deploy', '--base=HEAD'], clone);
    figure(
      'nx affected -t deploy after an API change → API rolled and Ready',
      secondsSince(started),
    );

    // Only the API's chain ran (build → docker-build, which runs container → minikube-load →
    // deploy); Nx announces each task as "> nx run project:target". Nothing of the UI's.
    const tasks = new Set([...output.matchAll(/^> nx run ([\w-]+):([\w-]+)/gm)].map((m) => m[0]));
    const projects = new Set([...output.matchAll(/^> nx run ([\w-]+):/gm)].map((m) => m[1]));
    expect([...projects]).toEqual(['backend']);
    for (const target of ['build', 'docker-build', 'minikube-load', 'deploy'])
      expect(tasks).toContain(`> nx run backend:${target}`);
    // A new API image tag; no UI image was built in the clone at all.
    const newApiImage = readFileSync(join(clone, 'dist/images/backend.tag'), 'utf8').trim();
    expect(newApiImage).not.toBe(deployedApiImage);
    expect(existsSync(join(clone, 'dist/images/frontend.tag'))).toBe(false);

    await waitUntilEveryPodReady();
    const rolled = podsOf('backend');
    expect(podsInBoth(api, rolled)).toEqual([]);
    for (const pod of rolled) expect(pod.image).toContain(newApiImage);
    // The UI kept its pods and its image.
    expect(podsOf('frontend')).toEqual(ui);
    expect(userValues().frontend.image.tag).toBe(uiTag);

    // Once the old pods have drained, every answer comes from the new code.
    await oldPodsGone('backend');
    for (let i = 0; i < 6; i++) {
      const served = await viaIngress('/api/openapi.json');
      expect(served.json.info.title).toBe(title);
    }
  });
});
