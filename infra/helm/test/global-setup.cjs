// Installs (or finds in the version-keyed cache) the tools the chart tests run, once per run.
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');

const tools = {
  TODO_HELM3: ['infra/helm/scripts/install-helm.sh', '3'],
  TODO_HELM4: ['infra/helm/scripts/install-helm.sh', '4'],
  TODO_KUBE_SCORE: ['infra/helm/scripts/install-kube-score.sh'],
  TODO_KUBERNETES_VALIDATE: ['infra/helm/scripts/install-kubernetes-validate.sh'],
};

module.exports = async () => {
  const root = resolve(__dirname, '../../..');
  for (const [name, [script, ...args]] of Object.entries(tools)) {
    if (process.env[name]) continue;
    const out = execFileSync('bash', [resolve(root, script), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    process.env[name] = out.toString().trim().split('\n').pop();
  }
};
