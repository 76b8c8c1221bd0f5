import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** `KEY=value` lines of a dotenv file. */
function dotenv(file: string): Record<string, string> {
  return Object.fromEntries(
    read(file)
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('the base image setting', () => {
  // `nx run <app>:docker-build` passes TODO_RUNTIME_IMAGE (default: .env.docker-build); a plain
  // `docker build` uses the Dockerfile's ARG default. Both must name the same official image.
  const setting = dotenv('.env.docker-build')['TODO_RUNTIME_IMAGE'];

  it.each(['backend', 'frontend'])(
    '%s.Dockerfile defaults to the same base as docker-build',
    (app) => {
      const arg = read(`infra/docker/${app}.Dockerfile`).match(/^ARG RUNTIME_IMAGE=(\S+)$/m)?.[1];
      expect(setting).toMatch(/^gcr\.io\/distroless\/nodejs\d+-debian\d+:nonroot$/);
      expect(arg).toBe(setting);
    },
  );
});
