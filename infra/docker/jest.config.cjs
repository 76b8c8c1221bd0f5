// What needs no Docker: which images a change marks affected, and the build settings' agreement.
module.exports = require('../../tools/jest/project.cjs')(__dirname, {
  name: 'images',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 120_000,
});
