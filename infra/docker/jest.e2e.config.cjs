// The images against a real Docker engine: built, started, probed (needs root and Docker).
module.exports = {
  displayName: 'images-e2e',
  preset: '../../jest.preset.cjs',
  reporters: [
    'default',
    ['<rootDir>/../../tools/jest/results-reporter.cjs', { name: 'images-e2e' }],
  ],
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.e2e.ts'],
  testTimeout: 60_000,
  maxWorkers: 1,
};
