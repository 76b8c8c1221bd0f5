module.exports = {
  displayName: 'frontend',
  preset: '../../jest.preset.cjs',
  reporters: ['default', ['<rootDir>/../../tools/jest/results-reporter.cjs', { name: 'frontend' }]],
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/frontend',
};
