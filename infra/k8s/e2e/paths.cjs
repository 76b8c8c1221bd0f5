// Where the cluster suites leave what a person reads after a run: figures, screenshots and, on
// failure, the release's diagnostics. Shared by the tests (TypeScript) and the reporters.
const { join } = require('node:path');

const ARTIFACTS = join(__dirname, '../../../dist/test-artifacts/cluster');

module.exports = {
  ARTIFACTS,
  FIGURES_FILE: join(ARTIFACTS, 'figures.jsonl'),
  DIAGNOSTICS_DIR: join(ARTIFACTS, 'diagnostics'),
};
