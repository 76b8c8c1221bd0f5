import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The monorepo's root directory. */
export const WORKSPACE_ROOT = join(__dirname, '../../..');

/** The built API (`nx run backend:build`): process tests and benches run exactly this file. */
export const BACKEND_BUNDLE = join(WORKSPACE_ROOT, 'dist/apps/backend/main.js');

/** The production build of the UI (`nx run frontend:build`), its standalone server. */
export const FRONTEND_SERVER = join(
  WORKSPACE_ROOT,
  'apps/frontend/.next/standalone/apps/frontend/server.js',
);

const BUILT_BY: Record<string, string> = {
  [BACKEND_BUNDLE]: 'npx nx run backend:build',
  [FRONTEND_SERVER]: 'npx nx run frontend:build',
};

/** Throws, naming the command that builds it, unless `file` exists; returns it. */
export function requireBuilt(file: string): string {
  if (!existsSync(file)) {
    const command = BUILT_BY[file] ?? 'npx nx run-many -t build';
    throw new Error(`${file} is missing: run "${command}" first (the nx targets that need it do).`);
  }
  return file;
}
