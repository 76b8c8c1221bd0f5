// The images against a real Docker engine: built, started, probed (needs root and Docker).
module.exports = require('../../tools/jest/project.cjs')(__dirname, {
  name: 'images-e2e',
  testMatch: ['<rootDir>/test/**/*.e2e.ts'],
  testTimeout: 60_000,
  maxWorkers: 1,
});
