module.exports = {
  displayName: 'api-contracts',
  preset: '../../../jest.preset.cjs',
  reporters: [
    'default',
    ['<rootDir>/../../../tools/jest/results-reporter.cjs', { name: 'api-contracts-test' }],
  ],
  rootDir: __dirname,
  coverageDirectory: '../../../coverage/libs/api-contracts',
};
