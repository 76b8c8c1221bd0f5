// The documentation's own checks (no cluster): links and anchors resolve, and the commands the
// user documents name targets, chart values and files that exist. The quickstart's commands run
// for real in infra/k8s/e2e/10-quickstart.test.ts.
module.exports = require('../tools/jest/project.cjs')(__dirname, {
  name: 'docs',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
});
