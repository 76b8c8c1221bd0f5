// Cluster tests: the project's single-node Kubernetes (nx run cluster:up), the chart
// deployed on it by nx run infra:deploy, and cluster-down/up. Files run in name order.
module.exports = {
  displayName: 'cluster',
  preset: '../../../jest.preset.cjs',
  reporters: [
    'default',
    ['<rootDir>/../../../tools/jest/results-reporter.cjs', { name: 'cluster' }],
    '<rootDir>/../e2e/diagnostics-reporter.cjs',
  ],
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  testSequencer: '<rootDir>/sequencer.cjs',
  globalSetup: '<rootDir>/global-setup.cjs',
  testTimeout: 180_000,
  maxWorkers: 1,
};
