// What needs no Docker: which images a change marks affected, and the build settings' agreement.
module.exports = {
  displayName: 'images',
  preset: '../../jest.preset.cjs',
  reporters: ['default', ['<rootDir>/../../tools/jest/results-reporter.cjs', { name: 'images' }]],
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 120_000,
};
