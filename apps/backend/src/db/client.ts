import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { ConfigError, type Config } from '../config';
import * as schema from './schema';

export type Schema = typeof schema;
/** TypeScript's camelCase names are snake_case in SQL. */
export const DB_CASING = 'snake_case';
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The one database the API talks to: PostgreSQL through a pool, or embedded PGlite. */
export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /** Resolves when a trivial query answers within `timeoutMs`; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** Applies pending migrations; safe to run from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

type DatabaseConfig = Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'PGLITE_DATA_DIR'>;

/** Migrations ship beside the bundle (dist) or live in the project (source and tests). */
function migrationsFolder(): string {
  const candidates = [join(__dirname, 'migrations'), join(__dirname, '../../migrations')];
  const found = candidates.find((dir) => existsSync(join(dir, 'meta/_journal.json')));
  if (!found) throw new Error(`No migrations folder found (looked in ${candidates.join(', ')})`);
  return found;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// An arbitrary constant shared by every replica: only one of them migrates at a time.
const MIGRATION_LOCK_ID = 724_011;

async function openPostgres(url: string, poolMax: number): Promise<Database> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'todo-backend',
    options: '-c TimeZone=UTC -c statement_timeout=15000',
  });
  // A server restart breaks idle connections; the pool replaces them. Without a listener
  // the 'error' event would crash the process.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema, casing: DB_CASING }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    ping: (timeoutMs = 2_000) =>
      withTimeout(pool.query('select 1'), timeoutMs).then(() => undefined),
    async migrate() {
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migrate(db as never, { migrationsFolder: migrationsFolder() });
      } finally {
        await lock
          .query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID])
          .catch(() => undefined);
        lock.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  // Loaded only when used: the WASM build stays outside the bundle and out of production images.
  const { PGlite } = await import('@electric-sql/pglite').catch(() => {
    throw new ConfigError([
      'DATABASE_URL: required here (this build has no embedded database); set a postgres:// URL',
    ]);
  });
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  await client.exec(`set time zone 'UTC'`);
  const db = drizzle(client, { schema, casing: DB_CASING }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    ping: (timeoutMs = 2_000) =>
      withTimeout(client.query('select 1'), timeoutMs).then(() => undefined),
    migrate: () => migrate(db as never, { migrationsFolder: migrationsFolder() }),
    close: () => client.close(),
  };
}

export function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, config.DATABASE_POOL_MAX)
    : openPglite(config.PGLITE_DATA_DIR);
}

export { sql };
