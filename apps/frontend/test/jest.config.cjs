module.exports = require('../../../tools/jest/project.cjs')(__dirname, {
  name: 'frontend',
  results: 'frontend-test',
  testMatch: ['<rootDir>/unit/**/*.spec.ts'],
  coverageDirectory: '../../../coverage/apps/frontend',
});
