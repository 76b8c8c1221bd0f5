// End-to-end tests: the production build of the UI, the built API and Debian's Chromium.
module.exports = {
  displayName: 'frontend-e2e',
  preset: '../../../jest.preset.cjs',
  reporters: [
    'default',
    ['<rootDir>/../../../tools/jest/results-reporter.cjs', { name: 'frontend-e2e' }],
  ],
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
