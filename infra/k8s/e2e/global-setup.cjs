// The stories' setup: the cluster checks every cluster suite makes, then the monitoring binaries
// (infra/k8s/scripts/build-binaries.sh monitoring) built in the background at the lowest CPU
// priority while the first stories run, mostly waiting on Kubernetes. On an empty cache that
// takes the ~5 min build off the suite's path: 09's monitoring-up waits on the build's lock
// instead of starting it. On a warm cache it finds the binaries and exits at once.
const { spawn } = require('node:child_process');
const { mkdirSync, openSync } = require('node:fs');
const { join } = require('node:path');
const checkCluster = require('../test/global-setup.cjs');
const { ARTIFACTS } = require('./paths.cjs');

module.exports = async () => {
  await checkCluster();
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = openSync(join(ARTIFACTS, 'monitoring-binaries.log'), 'w');
  spawn('nice', ['-n', '19', 'bash', join(__dirname, '../build/build-binaries.sh'), 'monitoring'], {
    detached: true,
    stdio: ['ignore', log, log],
  }).unref();
};
