import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/**
 * `nx affected -t docker-build` rebuilds only the images whose inputs changed. Checked in a
 * temporary clone, so the working tree is never touched.
 */
describe('which images a change rebuilds', () => {
  let clone: string;
  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'todo-affected-'));
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  function affectedImagesAfterChanging(file: string): string[] {
    execFileSync('git', ['checkout', '--quiet', '.'], { cwd: clone });
    appendFileSync(join(clone, file), '\n// changed by the affected test\n');
    const output = execFileSync(
      'npx',
      ['nx', 'show', 'projects', '--affected', '--withTarget=docker-build', '--base=HEAD'],
      {
        cwd: clone,
        encoding: 'utf8',
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' },
      },
    );
    return output
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
  }

  it('a frontend-only change rebuilds only the frontend image', () => {
    expect(affectedImagesAfterChanging('apps/frontend/src/lib/format.ts')).toEqual(['frontend']);
  });

  it('a backend-only change rebuilds only the backend image', () => {
    expect(affectedImagesAfterChanging('apps/backend/src/app.ts')).toEqual(['backend']);
  });

  it('a change in the contracts library rebuilds both', () => {
    expect(affectedImagesAfterChanging('libs/api-contracts/src/lib/task.ts')).toEqual([
      'backend',
      'frontend',
    ]);
  });
});
