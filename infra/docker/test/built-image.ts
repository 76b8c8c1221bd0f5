import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** The image reference the app's last docker-build produced (infra/docker/scripts/image-ref.sh). */
export function builtImage(app: 'backend' | 'frontend', root = ROOT): string {
  return execFileSync('bash', [join(root, 'infra/docker/scripts/image-ref.sh'), app], {
    encoding: 'utf8',
  }).trim();
}

/**
 * The offline base image (Debian packages + the Node binary from npm), built if missing: what
 * TODO_RUNTIME_IMAGE names on machines with no registry access, such as this one.
 */
export function offlineRuntimeImage(root = ROOT): string {
  const output = execFileSync('bash', [join(root, 'infra/docker/scripts/build-node-base.sh')], {
    encoding: 'utf8',
  });
  return output.trim().split('\n').pop() ?? '';
}
