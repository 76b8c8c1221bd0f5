// The e2e tier: every HTTP suite on a real PostgreSQL server (tools/test-services/postgres.sh),
// and the built bundle started as a process (start-up, drain on SIGTERM, migrate, readiness while
// a private PostgreSQL server goes away and comes back).
process.env.TODO_TEST_DATABASES ??= 'postgres';

module.exports = {
  displayName: 'backend-e2e',
  preset: '../../../jest.preset.cjs',
  reporters: [
    'default',
    ['<rootDir>/../../../tools/jest/results-reporter.cjs', { name: 'backend-test-e2e' }],
  ],
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.test.ts', '<rootDir>/*.e2e.ts'],
  // Independent of the database (CORS, proxy headers): the quick tier runs it once.
  testPathIgnorePatterns: ['/cross-cutting\\.test\\.ts$'],
  globalSetup: '<rootDir>/helpers/global-setup.ts',
  testTimeout: 60_000,
};
