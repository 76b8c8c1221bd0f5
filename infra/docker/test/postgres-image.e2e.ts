import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The Debian-packaged PostgreSQL image the todo-local cluster preloads in place of the official
// one: it must start the way the chart starts it (any UID, read-only root filesystem, scratch
// space only in /tmp and the socket directory) and behave like the official image's entrypoint.

const ROOT = join(__dirname, '../../..');
const UID = '10001';
const docker = (...args: string[]) =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

let image: string;
let dataDir: string;
const started: string[] = [];
beforeAll(() => {
  image = execFileSync('bash', [join(ROOT, 'infra/docker/scripts/build-postgres-image.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop() as string;
  dataDir = mkdtempSync(join(tmpdir(), 'todo-pgimage-'));
  chownSync(dataDir, Number(UID), Number(UID));
}, 600_000);
afterAll(() => {
  for (const id of started) spawnSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
  rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string>): string {
  const envArgs = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  const id = docker(
    'run',
    '-d',
    '--user',
    `${UID}:${UID}`,
    '--read-only',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--tmpfs',
    '/tmp',
    '--tmpfs',
    '/var/run/postgresql',
    '-v',
    `${dataDir}:/var/lib/postgresql/data`,
    '-e',
    'PGDATA=/var/lib/postgresql/data/pgdata',
    ...envArgs,
    image,
  );
  started.push(id);
  return id;
}
/** Inside the container, over TCP as the API connects, to the chart's user and database. */
const AS_TODO_OVER_TCP = ['-h', '127.0.0.1', '-U', 'todo', '-d', 'todo'];
/** psql over TCP inside the container, as the API connects (password, scram-sha-256). */
const psql = (container: string, password: string, sql: string) =>
  spawnSync(
    'docker',
    ['exec', '-e', `PGPASSWORD=${password}`, container, 'psql', ...AS_TODO_OVER_TCP, '-tAc', sql],
    { encoding: 'utf8' },
  );
async function waitReady(container: string) {
  for (let i = 0; i < 60; i++) {
    const r = spawnSync('docker', ['exec', container, 'pg_isready', ...AS_TODO_OVER_TCP]);
    if (r.status === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`PostgreSQL did not become ready:\n${docker('logs', container)}`);
}

describe('the todo-local PostgreSQL image', () => {
  it('refuses to create a database without POSTGRES_PASSWORD, naming the variable', () => {
    const id = start({ POSTGRES_USER: 'todo', POSTGRES_DB: 'todo' });
    docker('wait', id);
    expect(docker('inspect', '-f', '{{.State.ExitCode}}', id)).toBe('1');
    expect(spawnSync('docker', ['logs', id], { encoding: 'utf8' }).stderr).toContain(
      'POSTGRES_PASSWORD is not set',
    );
  });

  it('initialises as an arbitrary UID on a read-only root, with scram-sha-256 over TCP', async () => {
    const password = 'p@ss w:rd/"$x';
    const id = start({ POSTGRES_USER: 'todo', POSTGRES_DB: 'todo', POSTGRES_PASSWORD: password });
    await waitReady(id);
    expect(
      psql(id, password, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('yes')").status,
    ).toBe(0);
    expect(psql(id, password, 'SELECT current_user, current_database()').stdout.trim()).toBe(
      'todo|todo',
    );
    expect(psql(id, 'wrong', 'SELECT 1').stderr).toContain('password authentication failed');
    docker('stop', id);
  }, 120_000);

  it('restarts on its existing data without initialising again', async () => {
    const id = start({ POSTGRES_USER: 'todo', POSTGRES_DB: 'todo' });
    await waitReady(id);
    // The password set at initialisation still guards the data.
    expect(psql(id, 'p@ss w:rd/"$x', 'SELECT v FROM kept').stdout.trim()).toBe('yes');
    expect(spawnSync('docker', ['logs', id], { encoding: 'utf8' }).stderr).not.toContain(
      'initialising',
    );
  }, 120_000);
});
