module.exports = {
  displayName: 'backend',
  preset: '../../jest.preset.cjs',
  reporters: ['default', ['<rootDir>/../../tools/jest/results-reporter.cjs', { name: 'backend' }]],
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.spec.ts'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  // Integration tests talk to real databases and start real processes.
  testTimeout: 60_000,
  coverageDirectory: '../../coverage/apps/backend',
};
