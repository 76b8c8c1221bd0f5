#!/usr/bin/env node
// Runs the production build of the UI (the standalone server) the way its container will.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const server = join(root, 'apps/frontend/.next/standalone/apps/frontend/server.js');
const env = {
  ...process.env,
  PORT: process.env.PORT ?? '4200',
  HOSTNAME: process.env.HOSTNAME ?? '127.0.0.1',
};
console.log(
  ` • UI on http://${env.HOSTNAME}:${env.PORT}, API at ${env.BACKEND_URL ?? 'http://127.0.0.1:3000'}`,
);
const child = spawn(process.execPath, [server], { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
