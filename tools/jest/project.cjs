// What every Jest project here shares, around its own settings: the preset (jest.preset.cjs), its
// root, and its results file (results-reporter.cjs), which tools/ci/test-summary.mjs adds up
// into the closing "Tests: N passed, N failed" line. Each jest config is
//   module.exports = require('<path to>/tools/jest/project.cjs')(__dirname, { name, ... });
// `results` names the results file when it differs from the display name.
const { join, relative } = require('node:path');

module.exports = function jestProject(rootDir, { name, results = name, reporters = [], ...own }) {
  return {
    displayName: name,
    // Jest takes a preset path only relative to rootDir.
    preset: relative(rootDir, join(__dirname, '../../jest.preset.cjs')),
    rootDir,
    reporters: [
      'default',
      [join(__dirname, 'results-reporter.cjs'), { name: results }],
      ...reporters,
    ],
    ...own,
  };
};
