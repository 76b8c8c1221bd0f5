import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DATABASE_KINDS } from './database-kinds';
import { ADMIN_URL, TEMPLATE_DATABASE, databaseUrl } from './postgres-url';

// Jest loads a globalSetup with Node's own require, which knows no tsconfig path alias, so this
// file cannot import @todo/testing (BACKEND_BUNDLE, requireBuilt); the tests themselves do.
const BUNDLE = join(__dirname, '../../../../dist/apps/backend/main.js');

/**
 * Builds a migrated template database once per run, with the bundle's own `migrate` command;
 * each test file then gets its own copy (CREATE DATABASE … TEMPLATE) in milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  if (!DATABASE_KINDS.includes('postgres')) return; // PGlite needs no server and no template
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
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: run "npx nx run backend:build" first (nx test does).`);
  execFileSync(process.execPath, [BUNDLE, 'migrate'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DATABASE) },
    stdio: 'pipe',
  });
}
