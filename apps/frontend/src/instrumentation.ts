import { readEnv } from './lib/env';

/**
 * Runs once when the server starts: a bad setting stops it at once with a message naming the
 * variable, instead of failing every page later.
 */
export function register(): void {
  if (process.env['NEXT_RUNTIME'] !== 'nodejs') return;
  try {
    readEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
