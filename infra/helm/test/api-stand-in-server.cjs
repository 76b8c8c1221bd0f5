// The API stand-in's server, in its own process: Helm is run synchronously by the tests, which
// would block a server living in the test's event loop. Secrets are read from SECRETS_FILE per request.
const { createServer } = require('node:http');
const { existsSync, readFileSync } = require('node:fs');

const secretsFile = process.env.SECRETS_FILE;
// Discovery for every kind the chart renders: Helm 4 maps each object to a resource.
const served = {
  v1: ['Secret', 'ConfigMap', 'Service', 'ServiceAccount', 'Pod', 'Namespace'],
  'apps/v1': ['Deployment', 'StatefulSet'],
  'batch/v1': ['Job'],
  'networking.k8s.io/v1': ['Ingress', 'NetworkPolicy'],
  'policy/v1': ['PodDisruptionBudget'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
};
const resourceList = (groupVersion, kinds) => ({
  kind: 'APIResourceList',
  groupVersion,
  resources: kinds.map((kind) => ({
    name: kind.toLowerCase() + (kind.endsWith('s') ? 'es' : kind.endsWith('y') ? '' : 's'),
    singularName: kind.toLowerCase(),
    namespaced: kind !== 'Namespace',
    kind,
    verbs: ['get'],
  })),
});
const groups = Object.keys(served).filter((gv) => gv.includes('/'));
const discovery = {
  '/version': { major: '1', minor: '34', gitVersion: 'v1.34.4' },
  '/api': { kind: 'APIVersions', versions: ['v1'] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((gv) => {
      const [name, version] = gv.split('/');
      const preferred = { groupVersion: gv, version };
      return { name, versions: [preferred], preferredVersion: preferred };
    }),
  },
  '/api/v1': resourceList('v1', served.v1),
  ...Object.fromEntries(groups.map((gv) => [`/apis/${gv}`, resourceList(gv, served[gv])])),
};

const server = createServer((request, response) => {
  const send = (code, body) => {
    response.writeHead(code, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const path = (request.url || '').split('?')[0];
  if (discovery[path]) return send(200, discovery[path]);
  const secret = /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/]+)$/.exec(path);
  const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
  const found = secret && secrets[`${secret[1]}/${secret[2]}`];
  if (found) return send(200, found);
  send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
