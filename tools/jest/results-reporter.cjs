// Jest reporter: writes each project's totals to dist/test-results/<name>.json, which
// tools/ci/test-summary.mjs adds up into the one closing line CI reads.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class ResultsReporter {
  constructor(globalConfig, options = {}) {
    this.name = options.name;
  }

  onRunComplete(_contexts, results) {
    const dir = join(__dirname, '../../dist/test-results');
    mkdirSync(dir, { recursive: true });
    const { numPassedTests, numFailedTests, numPendingTests, numTotalTests } = results;
    writeFileSync(
      join(dir, `${this.name}.json`),
      JSON.stringify({ numPassedTests, numFailedTests, numPendingTests, numTotalTests }),
    );
  }
}

module.exports = ResultsReporter;
