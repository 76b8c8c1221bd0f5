// The e2e tier: every HTTP suite on a real PostgreSQL server (tools/test-services/postgres.sh),
// and the built bundle started as a process (start-up, drain on SIGTERM, migrate, readiness while
// a private PostgreSQL server goes away and comes back).
process.env.TODO_TEST_DATABASES ??= 'postgres';

module.exports = require('../../../tools/jest/project.cjs')(__dirname, {
  name: 'backend-e2e',
  results: 'backend-test-e2e',
  testMatch: ['<rootDir>/*.test.ts', '<rootDir>/*.e2e.ts'],
  // Independent of the database (CORS, proxy headers): the quick tier runs it once.
  testPathIgnorePatterns: ['/cross-cutting\\.test\\.ts$'],
  globalSetup: '<rootDir>/helpers/global-setup.ts',
  testTimeout: 60_000,
});
