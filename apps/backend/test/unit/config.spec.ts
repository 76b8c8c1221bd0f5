import { ConfigError, loadConfig } from '../../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has working defaults for a fresh machine (embedded database, localhost)', () => {
    expect(loadConfig({})).toEqual({
      PORT: 3000,
      METRICS_PORT: 9464,
      HOST: '127.0.0.1',
      DATABASE_POOL_MAX: 10,
      DATABASE_WAIT_TIMEOUT: 0,
      PGLITE_DATA_DIR: '.data/pglite',
      MIGRATE_ON_START: true,
      LOG_LEVEL: 'info',
      CORS_ORIGINS: [],
      SESSION_TTL: 604800,
      COOKIE_SECURE: false,
      TRUST_PROXY: false,
      AUTH_RATE_LIMIT_MAX: 20,
      AUTH_RATE_LIMIT_WINDOW: 60,
      SIGN_IN_LOCKOUT_FAILURES: 10,
      SIGN_IN_LOCKOUT_WINDOW: 900,
      SIGN_IN_LOCKOUT_DURATION: 300,
      SESSION_SWEEP_INTERVAL: 300,
      SHUTDOWN_TIMEOUT: 10,
    });
  });

  it('parses every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://todo:pw@db:5432/todo',
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: 'http://todo.local, https://example.com',
      SESSION_TTL: '12h',
      COOKIE_SECURE: 'true',
      MIGRATE_ON_START: 'no',
      SHUTDOWN_TIMEOUT: '30',
      DATABASE_WAIT_TIMEOUT: '2m',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://todo:pw@db:5432/todo',
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: ['http://todo.local', 'https://example.com'],
      SESSION_TTL: 43200,
      COOKIE_SECURE: true,
      MIGRATE_ON_START: false,
      SHUTDOWN_TIMEOUT: 30,
      DATABASE_WAIT_TIMEOUT: 120,
    });
  });

  it.each([
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.42.0.0/16', '10.42.0.0/16'],
    ['127.0.0.1, 10.0.0.0/8, ::1', '127.0.0.1,10.0.0.0/8,::1'],
  ])('TRUST_PROXY=%s trusts %j', (value, trusted) => {
    expect(loadConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(trusted);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000 });
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a whole number between 1 and 65535'],
    [{ PORT: '70000' }, 'PORT: must be at most 65535'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
    ],
    [
      { CORS_ORIGINS: 'todo.local' },
      'CORS_ORIGINS: "todo.local" is not an origin like https://todo.local',
    ],
    [
      { SESSION_TTL: 'forever' },
      'SESSION_TTL: must be a duration between 60s and 31536000s, such as 900, 30m, 12h or 7d',
    ],
    [{ COOKIE_SECURE: 'maybe' }, 'COOKIE_SECURE: must be true or false'],
    [{ SIGN_IN_LOCKOUT_FAILURES: '1' }, 'SIGN_IN_LOCKOUT_FAILURES: must be at least 3'],
    [
      { SIGN_IN_LOCKOUT_DURATION: '1h' },
      'SIGN_IN_LOCKOUT_DURATION: must be a duration between 1s and 900s, such as 900, 30m, 12h or 7d',
    ],
    [
      { TRUST_PROXY: 'true' },
      'TRUST_PROXY: true would trust every X-Forwarded-For entry, which clients can forge; give the number of proxies in front of the API (1 behind an ingress controller) or their addresses, such as 10.0.0.0/8',
    ],
    [{ TRUST_PROXY: '11' }, 'TRUST_PROXY: must be at most 10 proxy hops'],
    [
      { TRUST_PROXY: '10.0.0.0/8, ingress' },
      'TRUST_PROXY: "ingress" is neither a number of proxy hops nor an IP address or CIDR range',
    ],
    [
      { PORT: '9000', METRICS_PORT: '9000' },
      'METRICS_PORT: must differ from PORT (9000), or the public port would serve metrics',
    ],
  ])('names the variable at fault: %j', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('reports every bad variable at once, without echoing secret values', () => {
    const problems = problemsOf({
      PORT: '0',
      DATABASE_URL: 'postgres:// secret-password',
      SESSION_TTL: '1s',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'PORT',
      'DATABASE_URL',
      'SESSION_TTL',
    ]);
    expect(problems.join('\n')).not.toContain('secret-password');
  });
});
