import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../src/db/client';
import { ADMIN_URL, TEMPLATE_DATABASE, databaseUrl } from './postgres-url';

import type { DatabaseKind } from './database-kinds';

export { DATABASE_KINDS, type DatabaseKind } from './database-kinds';

export interface TestDatabase {
  database: Database;
  /** The connection URL (postgres only), for tests that start the built server. */
  url?: string;
  /** Closes the database (if the app has not already) and drops the per-file copy. */
  dispose(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh, migrated database of the given kind, private to the calling test file. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ PGLITE_DATA_DIR: 'memory://', DATABASE_POOL_MAX: 1 });
    await database.migrate();
    return { database, dispose: () => database.close().catch(() => undefined) };
  }
  const name = `todo_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name} template ${TEMPLATE_DATABASE}`);
  const url = databaseUrl(name);
  const database = await openDatabase({
    DATABASE_URL: url,
    DATABASE_POOL_MAX: 5,
    PGLITE_DATA_DIR: 'unused',
  });
  return {
    database,
    url,
    async dispose() {
      await database.close().catch(() => undefined);
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
