// Before the cluster tests: the todo-local cluster must be up and the current kube context,
// since the deploy target they depend on deploys to the current context.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = () => {
  const root = join(__dirname, '../../..');
  const status = spawnSync('bash', [join(root, 'infra/k8s/scripts/cluster-status.sh')], {
    encoding: 'utf8',
  });
  if (status.status !== 0) {
    throw new Error(`the todo-local cluster is not up (npx nx run cluster:up):\n${status.stdout}`);
  }
  const kubectl = spawnSync('bash', [join(root, 'infra/k8s/scripts/install-kubectl.sh')], {
    encoding: 'utf8',
  }).stdout.trim();
  const context = spawnSync(kubectl, ['config', 'current-context'], {
    encoding: 'utf8',
  }).stdout.trim();
  if (context !== 'todo-local') {
    throw new Error(
      `the current kube context is "${context}", not todo-local: kubectl config use-context todo-local`,
    );
  }
};
