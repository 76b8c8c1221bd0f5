// Cluster tests: the project's single-node Kubernetes (nx run cluster:up), the chart
// deployed on it by nx run infra:deploy, and cluster-down/up. Files run in name order.
module.exports = require('../../../tools/jest/project.cjs')(__dirname, {
  name: 'cluster',
  reporters: ['<rootDir>/../e2e/diagnostics-reporter.cjs'],
  testMatch: ['<rootDir>/**/*.test.ts'],
  testSequencer: '<rootDir>/sequencer.cjs',
  globalSetup: '<rootDir>/global-setup.cjs',
  testTimeout: 180_000,
  maxWorkers: 1,
});
