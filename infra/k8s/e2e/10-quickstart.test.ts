import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { MARKED_DOCUMENTS, shellBlocks } from '@todo/testing';
import { KUBECONFIG, ROOT, binDir, helmBinary } from '../test/cluster';
import { figure } from './figures';
import {
  everyPodReady,
  nxEnvironment,
  releaseExists,
  secondsSince,
  waitUntilEveryPodReady,
} from './release';

// The quickstart as a reader follows it on todo-local (T047, T048): every shell block marked
// `checked` in the user documents runs here, read from the Markdown rather than copied, in
// document order, each in its own `bash -euo pipefail` from the repository root, with kubectl
// and Helm on PATH and the cluster's kubeconfig. A renamed target, value or script breaks it.
// The blocks marked minikube, internet or manual cannot run here; docs/test checks what they
// name. Expects: the release deployed. Leaves: the same (the pages end with it deployed).

const checkedBlocks = MARKED_DOCUMENTS.flatMap((file) =>
  shellBlocks(readFileSync(join(ROOT, file), 'utf8'))
    .filter((block) => block.markers.includes('checked'))
    .map((block) => ({ file, ...block })),
);
/** The block's first command line, to name its test. */
const firstLine = (body: string) =>
  body.split('\n').find((line) => line.trim() && !line.trim().startsWith('#')) ?? '';

describe('the quickstart and troubleshooting commands, run on todo-local', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    expect(releaseExists()).toBe(true);
    await waitUntilEveryPodReady();
    env = {
      ...nxEnvironment(),
      KUBECONFIG,
      // The reader's kubectl and helm: the cluster's own kubectl and the project's Helm 3.
      PATH: [binDir(), dirname(helmBinary()), process.env['PATH']].join(':'),
    };
  }, 420_000);

  it('finds checked blocks in both documents', () => {
    expect(new Set(checkedBlocks.map((block) => block.file))).toEqual(new Set(MARKED_DOCUMENTS));
  });

  it.each(
    checkedBlocks.map((block) => [`${block.file}:${block.line}: ${firstLine(block.body)}`, block]),
  )('%s', (_name, block) => {
    const started = Date.now();
    const result = spawnSync('bash', ['-euo', 'pipefail', '-c', block.body], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 900_000,
    });
    const output = stripVTControlCharacters(`${result.stdout}${result.stderr}`);
    figure(`${block.file}:${block.line} ran`, secondsSince(started));
    expect({ status: result.status, signal: result.signal, output }).toMatchObject({
      status: 0,
    });
  });

  it('leaves the release deployed with every pod Ready', async () => {
    expect(releaseExists()).toBe(true);
    await waitUntilEveryPodReady();
    expect(everyPodReady()).toBe(true);
  }, 360_000);
});
