#!/usr/bin/env node
// Prints the container images' figures (it asserts nothing): size of each image, a docker-build
// with nothing changed (Nx's cache: the image's inputs are unchanged), and the image build alone
// (nx-container, BuildKit's layer cache as on any rebuild) on the app's existing build output. Runs offline (on
// the base build-node-base.sh builds) unless TODO_RUNTIME_IMAGE names a base.
import { execSync } from 'node:child_process';

const base =
  process.env.TODO_RUNTIME_IMAGE ??
  execSync('bash infra/docker/scripts/build-node-base.sh').toString().trim().split('\n').pop();
const env = {
  ...process.env,
  TODO_RUNTIME_IMAGE: base,
  NX_DAEMON: 'false',
  NEXT_TELEMETRY_DISABLED: '1',
};
const run = (command) => execSync(command, { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const timed = (command) => {
  const started = Date.now();
  run(command);
  return ((Date.now() - started) / 1000).toFixed(1);
};

const rows = [];
for (const app of ['backend', 'frontend']) {
  console.log(` • ${app}`);
  run(`npx nx run ${app}:docker-build --outputStyle=static`); // warm: build output in the cache
  const image = run(`bash infra/docker/scripts/image-ref.sh ${app}`).trim();
  const size = Number(run(`docker image inspect -f '{{.Size}}' ${image}`)) / 1e6;
  const unchanged = timed(`npx nx run ${app}:docker-build --outputStyle=static`);
  // The image build alone, on the build output as it is. Without its dependencies in the task
  // graph the task has another hash, so this makes a second tag; the work tree's own build is
  // then restored from Nx's cache and the extra tag removed.
  const rebuilt = timed(
    `npx nx run ${app}:docker-build --exclude-task-dependencies --skip-nx-cache --outputStyle=static`,
  );
  const extra = run(`bash infra/docker/scripts/image-ref.sh ${app}`).trim();
  run(`npx nx run ${app}:docker-build --outputStyle=static`);
  if (extra !== image) run(`docker rmi ${extra}`);
  rows.push(`| todo-${app} | ${size.toFixed(1)} MB | ${unchanged} s | ${rebuilt} s |`);
}
console.log(
  '\n| image | size | docker-build, nothing changed | docker-build, image rebuilt, app build cached |',
);
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
