#!/usr/bin/env node
// Completes Next.js's standalone output so it runs on its own: `next build` leaves the static
// assets and public/ out of .next/standalone, and the server expects them beside server.js.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const app = join(root, 'apps/frontend');
const standaloneApp = join(app, '.next/standalone/apps/frontend');
if (!existsSync(join(standaloneApp, 'server.js'))) {
  console.error(
    ` ✗ ${standaloneApp}/server.js is missing: did "next build" run with output: 'standalone'?`,
  );
  process.exit(1);
}
cpSync(join(app, '.next/static'), join(standaloneApp, '.next/static'), { recursive: true });
if (existsSync(join(app, 'public')))
  cpSync(join(app, 'public'), join(standaloneApp, 'public'), { recursive: true });
// Image optimisation is off (images.unoptimized), so sharp and its ~20 MB of native binaries,
// which Next traces into every standalone build, are never loaded.
for (const unused of ['@img', 'sharp']) {
  rmSync(join(app, '.next/standalone/node_modules', unused), { recursive: true, force: true });
}
console.log(` ✓ Standalone server ready: node ${standaloneApp}/server.js`);
