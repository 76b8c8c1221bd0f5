// The plan's user stories, end to end on the todo-local cluster (nx run stories:e2e). One file per
// story, run in name order; each states what it expects to find and leaves the release so.
module.exports = {
  displayName: 'cluster-e2e',
  preset: '../../../jest.preset.cjs',
  reporters: [
    'default',
    ['<rootDir>/../../../tools/jest/results-reporter.cjs', { name: 'cluster-e2e' }],
    '<rootDir>/diagnostics-reporter.cjs',
    '<rootDir>/figures-reporter.cjs',
  ],
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  testSequencer: '<rootDir>/../test/sequencer.cjs',
  globalSetup: '<rootDir>/global-setup.cjs',
  testTimeout: 600_000,
  maxWorkers: 1,
};
