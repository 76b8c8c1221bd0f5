// The plan's user stories, end to end on the todo-local cluster (nx run stories:e2e). One file per
// story, run in name order; each states what it expects to find and leaves the release so.
module.exports = require('../../../tools/jest/project.cjs')(__dirname, {
  name: 'cluster-e2e',
  reporters: ['<rootDir>/diagnostics-reporter.cjs', '<rootDir>/figures-reporter.cjs'],
  testMatch: ['<rootDir>/**/*.test.ts'],
  testSequencer: '<rootDir>/../test/sequencer.cjs',
  globalSetup: '<rootDir>/global-setup.cjs',
  testTimeout: 600_000,
  maxWorkers: 1,
});
