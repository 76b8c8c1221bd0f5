import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built server bundle (`nx run backend:build`); process-level tests run exactly this file. */
export const BUNDLE = join(__dirname, '../../../../dist/apps/backend/main.js');

export function requireBundle(): string {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run "npx nx run backend:build" first (nx test does).`);
  }
  return BUNDLE;
}
