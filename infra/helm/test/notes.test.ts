import { execFileSync } from 'node:child_process';
import { startApiStandIn, type ApiStandIn } from './api-stand-in';
import { chartDir, helmBinary } from './render';

// NOTES.txt is rendered only by install/upgrade: a server dry run against the API stand-in.
let api: ApiStandIn;
beforeAll(async () => {
  api = await startApiStandIn();
});
afterAll(() => api.close());

const notes = (...set: string[]) => {
  const args = ['install', 'todo', chartDir, '-n', 'todo', '--dry-run=server'];
  args.push('--disable-openapi-validation', '--kubeconfig', api.kubeconfig);
  for (const value of set) args.push('--set', value);
  const output = execFileSync(helmBinary(3), args, { encoding: 'utf8' });
  return output.slice(output.indexOf('NOTES:'));
};

it('tells how to reach the app, including the /etc/hosts line for Minikube and todo-local', () => {
  const text = notes();
  expect(text).toContain('http://todo.local/');
  expect(text).toContain('echo "$(minikube ip) todo.local" | sudo tee -a /etc/hosts');
  expect(text).toContain('echo "127.0.0.1 todo.local" | sudo tee -a /etc/hosts');
  expect(text).toContain('helm test todo -n todo');
  // The plan's key, with the flag that keeps the other values.
  expect(text).toContain('-n todo --reuse-values --set backend.replicas=3');
  expect(text).toContain('get secret todo-db');
  expect(text).toContain('WARNING: the Ingress serves plain HTTP');
  // The metrics are on their own port, not the API's.
  expect(text).toContain('Prometheus metrics at service/todo-backend:9464/metrics');
});

it('warns about insecure choices', () => {
  const text = notes(
    'postgresql.auth.password=pw',
    'networkPolicy.enabled=false',
    'postgresql.persistence.enabled=false',
  );
  expect(text).toContain('WARNING: postgresql.auth.password was given as a value');
  expect(text).toContain('WARNING: networkPolicy.enabled is false');
  expect(text).toContain('WARNING: postgresql.persistence.enabled is false');
  expect(notes('ingress.enabled=false')).toContain(
    'kubectl -n todo port-forward service/todo-frontend',
  );
});
