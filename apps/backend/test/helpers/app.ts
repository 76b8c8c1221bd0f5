import { Writable } from 'node:stream';
import { buildApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './database';

export interface TestApp {
  app: App;
  testDatabase: TestDatabase;
  /** Every JSON log line the app wrote (only when built with a log level). */
  logs: string[];
  close(): Promise<void>;
}

/** Builds the real app on a private database; `env` is the environment it would be started with. */
export async function buildTestApp(
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: 'silent', AUTH_RATE_LIMIT_MAX: '10000', ...env });
  const testDatabase = await createTestDatabase(kind);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = await buildApp({ config, database: testDatabase.database, logStream });
  await app.ready();
  return {
    app,
    testDatabase,
    logs,
    async close() {
      await app.close();
      await testDatabase.dispose();
    },
  };
}
