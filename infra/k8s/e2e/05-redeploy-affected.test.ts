import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotClone } from '@todo/testing';
import { builtImage, ROOT, viaIngress } from '../test/cluster';
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

describe('nx affected -t deploy redeploys only what changed', () => {
  let clone: string;
  restoreReleaseAfterwards();
  beforeAll(() => {
    clone = snapshotClone(ROOT, 'todo-redeploy-');
  }, 300_000);
  afterAll(() => {
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  it('a change to the API alone builds, loads and rolls only the API', async () => {
    const api = podsOf('backend');
    const ui = podsOf('frontend');
    const uiTag = userValues().frontend.image.tag;
    const deployedApiImage = builtImage('backend');

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

    // Only the API's chain ran (build → docker-build → minikube-load → deploy, with the base
    // image check before docker-build); Nx announces each task as "> nx run project:target".
    // Nothing of the UI's, and not the whole chart's deploy.
    const tasks = new Set([...output.matchAll(/^> nx run ([\w-]+):([\w-]+)/gm)].map((m) => m[0]));
    const projects = new Set([...output.matchAll(/^> nx run ([\w-]+):/gm)].map((m) => m[1]));
    expect([...projects].sort()).toEqual(['backend', 'images']);
    expect([...tasks].filter((task) => task.startsWith('> nx run images:'))).toEqual([
      '> nx run images:runtime-image',
    ]);
    for (const target of ['build', 'docker-build', 'minikube-load', 'deploy'])
      expect(tasks).toContain(`> nx run backend:${target}`);
    // A new API image tag; no UI image was built in the clone at all.
    const newApiImage = builtImage('backend', clone);
    expect(newApiImage).not.toBe(deployedApiImage);
    expect(() => builtImage('frontend', clone)).toThrow(/no todo-frontend image built yet/);

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
