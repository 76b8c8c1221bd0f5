// Jest reporter: when a test file against the cluster fails, saves the release's pod logs,
// events, `describe` output and Helm history in dist/test-artifacts/cluster/diagnostics/<file>/,
// taken right after the failure, before the next file changes the release.
const { spawnSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const { basename, join } = require('node:path');
const { DIAGNOSTICS_DIR } = require('./paths.cjs');

const outDir = (testPath) => join(DIAGNOSTICS_DIR, basename(testPath).replace(/\.test\.ts$/, ''));

class DiagnosticsReporter {
  onTestStart(test) {
    rmSync(outDir(test.path), { recursive: true, force: true });
  }

  onTestResult(_test, result) {
    if (result.numFailingTests === 0 && !result.testExecError) return;
    const out = outDir(result.testFilePath);
    spawnSync('bash', [join(__dirname, '../../../infra/k8s/scripts/collect-diagnostics.sh'), out], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 120_000,
    });
  }
}

module.exports = DiagnosticsReporter;
