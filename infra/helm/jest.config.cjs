/** Template tests and independent checkers over `helm template` output (no cluster needed). */
module.exports = require('../../tools/jest/project.cjs')(__dirname, {
  name: 'chart',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.cjs',
  testTimeout: 120_000,
});
