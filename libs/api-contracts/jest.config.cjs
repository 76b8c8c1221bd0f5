module.exports = {
  displayName: 'api-contracts',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/api-contracts',
};
