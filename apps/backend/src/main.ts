import { ConfigError, loadConfig } from './config';
import { serializeError } from './lib/error-serializer';
import { migrate, serve } from './server';

const USAGE = `Usage: node main.js [serve|migrate]

  serve     start the HTTP API (default)
  migrate   apply pending database migrations and exit

Configuration comes from the environment; see apps/backend/.env.example.`;

async function main(command = 'serve'): Promise<void> {
  if (command === '--help' || command === '-h') return void console.log(USAGE);
  const config = loadConfig();
  if (command === 'serve') return serve(config);
  if (command === 'migrate') {
    await migrate(config);
    console.log(JSON.stringify({ level: 'info', msg: 'migrations applied' }));
    return;
  }
  throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
}

class UsageError extends Error {}

main(process.argv[2]).catch((error: unknown) => {
  // Configuration and usage errors are the operator's to fix: say what, not a stack trace.
  const known = error instanceof ConfigError || error instanceof UsageError;
  // Anything else is logged like the server's errors: as a JSON line, without query parameters.
  console.error(
    known
      ? (error as Error).message
      : JSON.stringify({ level: 'fatal', msg: 'exiting', err: serializeError(error) }),
  );
  process.exit(known ? 2 : 1);
});
