/** Template tests and independent checkers over `helm template` output (no cluster needed). */
module.exports = {
  displayName: 'chart',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.cjs',
  testTimeout: 120_000,
  reporters: ['default', ['<rootDir>/../../tools/jest/results-reporter.cjs', { name: 'chart' }]],
};
