import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtImage } from './built-image';

const ROOT = join(__dirname, '../../..');
const SCRIPT = join(ROOT, 'infra/docker/scripts/load-image.sh');

/**
 * minikube and kind cannot run on this machine (no registry, no downloads), so their commands
 * are stand-ins that record how they were called; what is tested is that the load step picks the
 * right mechanism for the current kube context and passes exactly the tag docker-build produced.
 * Loading into the project's own cluster is tested against that cluster (issue 6).
 */
describe('the load step (minikube-load targets)', () => {
  let bin: string;
  const tag = builtImage('backend');

  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), 'todo-load-'));
  });
  afterEach(() => rmSync(bin, { recursive: true, force: true }));

  function standIn(name: string, script: string) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, name), 0o755);
  }

  function load(context: string | null) {
    standIn('kubectl', context ? `echo ${context}` : 'exit 1');
    for (const tool of ['minikube', 'kind']) standIn(tool, `echo "${tool} $*" >> ${bin}/calls`);
    try {
      const output = execFileSync('bash', [SCRIPT, 'backend'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          PATH: `${bin}:${process.env['PATH']}`,
          TODO_KUBECTL: join(bin, 'kubectl'),
        },
      });
      return { ok: true, output, calls: readFileSync(join(bin, 'calls'), 'utf8').trim() };
    } catch (error) {
      return { ok: false, output: String((error as { stderr?: string }).stderr), calls: '' };
    }
  }

  it('uses minikube image load with the exact built tag on a minikube context', () => {
    expect(load('minikube')).toMatchObject({ ok: true, calls: `minikube image load ${tag}` });
  });

  it('uses kind load docker-image with the cluster name on a kind context', () => {
    expect(load('kind-dev')).toMatchObject({
      ok: true,
      calls: `kind load docker-image ${tag} --name dev`,
    });
  });

  it('fails with a clear message when there is no context or an unknown one', () => {
    expect(load(null).output).toContain('no current kube context');
    expect(load('prod-eu').output).toContain(
      `don't know how to load images into context "prod-eu"`,
    );
  });
});
