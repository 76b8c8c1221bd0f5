import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { requireBundle } from './bundle';
import { ADMIN_URL, TEMPLATE_DATABASE, databaseUrl } from './postgres-url';

/**
 * Builds a migrated template database once per run, with the bundle's own `migrate` command;
 * each test file then gets its own copy (CREATE DATABASE … TEMPLATE) in milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]+@/, ':***@')} (${(error as Error).message}). ` +
        'Start it with tools/test-services/postgres.sh or set TEST_DATABASE_URL.',
    );
  }
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  execFileSync(process.execPath, [requireBundle(), 'migrate'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DATABASE) },
    stdio: 'pipe',
  });
}
