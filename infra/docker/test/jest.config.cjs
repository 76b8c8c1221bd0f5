// Container image tests: the images built by the docker-build targets, run by a real Docker engine.
module.exports = {
  displayName: 'images',
  preset: '../../../jest.preset.cjs',
  reporters: [
    'default',
    ['<rootDir>/../../../tools/jest/results-reporter.cjs', { name: 'images' }],
  ],
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  testTimeout: 60_000,
  maxWorkers: 1,
};
