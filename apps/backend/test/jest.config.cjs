// The quick tier: the unit tests and every HTTP suite (Fastify inject) on PGlite, in process.
// No PostgreSQL server, no built bundle, no root. The e2e tier (jest.e2e.config.cjs) runs the
// same suites on PostgreSQL, plus the tests that start the built server as a process.
process.env.TODO_TEST_DATABASES ??= 'pglite';

module.exports = require('../../../tools/jest/project.cjs')(__dirname, {
  name: 'backend',
  results: 'backend-test',
  testMatch: ['<rootDir>/unit/**/*.spec.ts', '<rootDir>/*.test.ts'],
  globalSetup: '<rootDir>/helpers/global-setup.ts',
  testTimeout: 60_000,
  coverageDirectory: '../../../coverage/apps/backend',
});
