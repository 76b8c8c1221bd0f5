module.exports = require('../../../tools/jest/project.cjs')(__dirname, {
  name: 'api-contracts',
  results: 'api-contracts-test',
  coverageDirectory: '../../../coverage/libs/api-contracts',
});
