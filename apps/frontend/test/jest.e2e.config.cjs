// End-to-end tests: the production build of the UI, the built API and Debian's Chromium.
module.exports = require('../../../tools/jest/project.cjs')(__dirname, {
  name: 'frontend-e2e',
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
});
