// Jest reporter: writes each project's totals to dist/test-results/<name>.json, which
// tools/ci/test-summary.mjs adds up into the one closing line CI reads, with each failed test's
// name and the head of its message: the end of a long CI log says what failed, not only that.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const { stripVTControlCharacters } = require('node:util');

const ROOT = join(__dirname, '../..');
/** Lines of a failure message worth reading at the end of a log (the assertion and its diff). */
const MESSAGE_LINES = 25;

class ResultsReporter {
  constructor(globalConfig, options = {}) {
    this.name = options.name;
  }

  onRunComplete(_contexts, results) {
    const dir = join(__dirname, '../../dist/test-results');
    mkdirSync(dir, { recursive: true });
    const { numPassedTests, numFailedTests, numPendingTests, numTotalTests } = results;
    const failures = results.testResults.flatMap((file) => [
      ...file.testResults
        .filter((test) => test.status === 'failed')
        .map((test) => ({
          file: relative(ROOT, file.testFilePath),
          test: test.fullName,
          message: test.failureMessages.join('\n'),
        })),
      // A suite that fails outside any test (a syntax error, a failing beforeAll hook's setup).
      ...(file.testExecError
        ? [
            {
              file: relative(ROOT, file.testFilePath),
              test: '(suite)',
              message: file.failureMessage ?? '',
            },
          ]
        : []),
    ]);
    writeFileSync(
      join(dir, `${this.name}.json`),
      JSON.stringify({
        numPassedTests,
        numFailedTests,
        numPendingTests,
        numTotalTests,
        failures: failures.map(({ message, ...where }) => ({
          ...where,
          message: stripVTControlCharacters(message)
            .split('\n')
            .filter((line) => !/^\s*at .*(node_modules|node:internal)/.test(line))
            .slice(0, MESSAGE_LINES)
            .join('\n'),
        })),
      }),
    );
  }
}

module.exports = ResultsReporter;
