#!/usr/bin/env node
// Prints the container images' figures (it asserts nothing): size of each image, a docker-build
// with nothing changed, and a docker-build whose image must be rebuilt while the app's Nx build
// output comes from the cache. Runs offline (TODO_OFFLINE=1).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const env = { ...process.env, TODO_OFFLINE: '1', NX_DAEMON: 'false', NEXT_TELEMETRY_DISABLED: '1' };
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
  const image = readFileSync(`dist/images/${app}.tag`, 'utf8').trim();
  const size = Number(run(`docker image inspect -f '{{.Size}}' ${image}`)) / 1e6;
  const unchanged = timed(`npx nx run ${app}:docker-build --outputStyle=static`);
  run(`docker rmi --force ${image}`);
  const rebuilt = timed(`npx nx run ${app}:docker-build --outputStyle=static`);
  rows.push(`| todo-${app} | ${size.toFixed(1)} MB | ${unchanged} s | ${rebuilt} s |`);
}
console.log(
  '\n| image | size | docker-build, nothing changed | docker-build, image rebuilt, app build cached |',
);
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
