import { readEnv } from './lib/env';

// Node.js-only start-up checks, kept out of the Edge build (which has no process.exit).

// A bad setting stops the server at once, naming the variable, instead of failing every page.
try {
  readEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

// Next's own handler exits 143 on SIGTERM. In the container image (NEXT_MANUAL_SIG_HANDLE set) a
// stop is a normal end: exit 0. Kubernetes' preStop delay has already drained the endpoints.
if (process.env['NEXT_MANUAL_SIG_HANDLE']) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => process.exit(0));
  }
}
