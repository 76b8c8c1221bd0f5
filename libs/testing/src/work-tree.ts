import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const git = (cwd: string, args: string[], input?: string) =>
  execFileSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/**
 * A throw-away clone whose HEAD is the work tree at `root` as it is now, uncommitted and
 * untracked files included, so tests of "what a change affects" can change and build there
 * without touching the work tree. The caller deletes it.
 */
export function snapshotClone(root: string, prefix = 'todo-clone-'): string {
  const clone = mkdtempSync(join(tmpdir(), prefix));
  git(root, ['clone', '--quiet', '--no-hardlinks', root, clone]);
  const diff = git(root, ['diff', 'HEAD', '--binary']);
  if (diff) git(clone, ['apply', '--whitespace=nowarn'], diff);
  for (const file of git(root, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0')) {
    if (!file) continue;
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(root, file), join(clone, file));
  }
  git(clone, ['add', '--all']);
  const author = ['-c', 'user.name=tests', '-c', 'user.email=tests@todo.test'];
  git(clone, [...author, 'commit', '--quiet', '--allow-empty', '-m', 'snapshot']);
  linkNodeModules(root, clone);
  return clone;
}

/**
 * Links each installed package into the clone, but gives it its own node_modules/.cache: build
 * tools record per-workspace state there (nx-container's last image id), which must not leak
 * between the clone and the work tree.
 */
function linkNodeModules(root: string, clone: string): void {
  mkdirSync(join(clone, 'node_modules/.cache'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry !== '.cache')
      symlinkSync(join(root, 'node_modules', entry), join(clone, 'node_modules', entry));
  }
}
