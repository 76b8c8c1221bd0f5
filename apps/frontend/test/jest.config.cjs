module.exports = {
  displayName: 'frontend',
  preset: '../../../jest.preset.cjs',
  reporters: [
    'default',
    ['<rootDir>/../../../tools/jest/results-reporter.cjs', { name: 'frontend-test' }],
  ],
  rootDir: __dirname,
  testMatch: ['<rootDir>/unit/**/*.spec.ts'],
  coverageDirectory: '../../../coverage/apps/frontend',
};
