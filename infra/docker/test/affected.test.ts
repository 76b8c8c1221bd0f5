import { execFileSync } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotClone } from '@todo/testing';

const ROOT = join(__dirname, '../../..');

/**
 * `nx affected` decides which images to rebuild and which releases to redeploy from the files a
 * change touches: an image is affected exactly when something that goes into it changed (its
 * app or the libraries it imports, its Dockerfile, .dockerignore, the base image setting), never
 * by a test. Checked in a snapshot clone of the work tree, so the work tree is never touched.
 */
describe('which images and deploys a change selects', () => {
  let clone: string;
  beforeAll(() => {
    clone = snapshotClone(ROOT, 'todo-affected-');
  }, 120_000);
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  /** The projects `nx affected -t TARGET` would run after appending a line to each file. */
  function affectedAfterChanging(target: string, ...files: string[]): string[] {
    execFileSync('git', ['checkout', '--quiet', '.'], { cwd: clone });
    for (const file of files)
      appendFileSync(join(clone, file), '\n# changed by the affected test\n');
    const output = execFileSync(
      process.execPath,
      [
        'node_modules/nx/dist/bin/nx.js',
        'show',
        'projects',
        '--affected',
        `--withTarget=${target}`,
        '--base=HEAD',
      ],
      {
        cwd: clone,
        encoding: 'utf8',
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      },
    );
    return output
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
  }
  const imagesAfterChanging = (...files: string[]) =>
    affectedAfterChanging('docker-build', ...files);

  it('a frontend-only change rebuilds only the frontend image', () => {
    expect(imagesAfterChanging('apps/frontend/src/lib/format.ts')).toEqual(['frontend']);
  });

  it('a backend-only change rebuilds only the backend image', () => {
    expect(imagesAfterChanging('apps/backend/src/app.ts')).toEqual(['backend']);
  });

  it('a change in the contracts library rebuilds both', () => {
    expect(imagesAfterChanging('libs/api-contracts/src/lib/task.ts')).toEqual([
      'backend',
      'frontend',
    ]);
  });

  it("an app's Dockerfile rebuilds that app's image only", () => {
    expect(imagesAfterChanging('infra/docker/backend.Dockerfile')).toEqual(['backend']);
    expect(imagesAfterChanging('infra/docker/frontend.Dockerfile')).toEqual(['frontend']);
  });

  it('.dockerignore and the base image setting rebuild both', () => {
    expect(imagesAfterChanging('.dockerignore')).toEqual(['backend', 'frontend']);
    expect(imagesAfterChanging('.env.docker-build')).toEqual(['backend', 'frontend']);
  });

  it('tests and test helpers rebuild no image', () => {
    expect(
      imagesAfterChanging(
        'apps/backend/test/tasks.test.ts',
        'apps/backend/test/unit/password.spec.ts',
        'apps/frontend/test/unit/format.spec.ts',
        'apps/frontend/test/e2e/task-flow.e2e.ts',
        'libs/api-contracts/test/task.spec.ts',
        'libs/testing/src/index.ts',
        'infra/docker/test/images.e2e.ts',
      ),
    ).toEqual([]);
  });

  it('a chart-only change rebuilds no image and redeploys only the chart', () => {
    expect(imagesAfterChanging('infra/helm/todo/values.yaml')).toEqual([]);
    expect(affectedAfterChanging('deploy', 'infra/helm/todo/values.yaml')).toEqual(['chart']);
  });

  it('an API change redeploys only the API', () => {
    expect(affectedAfterChanging('deploy', 'apps/backend/src/app.ts')).toEqual(['backend']);
  });
});
