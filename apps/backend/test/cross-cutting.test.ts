import { buildTestApp } from './helpers/app';
import { PASSWORD, uniqueEmail } from './helpers/client';

describe('CORS', () => {
  it('answers preflights for configured origins only, with credentials allowed', async () => {
    const t = await buildTestApp('pglite', {
      CORS_ORIGINS: 'http://todo.local,https://app.example.com',
    });
    try {
      const preflight = (origin: string) =>
        t.app.inject({
          method: 'OPTIONS',
          url: '/api/tasks',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
      const allowed = await preflight('http://todo.local');
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('http://todo.local');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const other = await preflight('https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('sends no CORS headers when no origin is configured (same-origin only)', async () => {
    const t = await buildTestApp('pglite');
    try {
      const response = await t.app.inject({
        url: '/health',
        headers: { origin: 'http://todo.local' },
      });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('behind a proxy', () => {
  const login = (t: Awaited<ReturnType<typeof buildTestApp>>, forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.9',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: uniqueEmail(), password: PASSWORD },
    });

  it('with TRUST_PROXY=true, rate-limits each client address from X-Forwarded-For', async () => {
    const t = await buildTestApp('pglite', { TRUST_PROXY: 'true', AUTH_RATE_LIMIT_MAX: '2' });
    try {
      expect((await login(t, '203.0.113.1')).statusCode).toBe(401);
      expect((await login(t, '203.0.113.1')).statusCode).toBe(401);
      expect((await login(t, '203.0.113.1')).statusCode).toBe(429);
      expect((await login(t, '203.0.113.2')).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('without it, ignores X-Forwarded-For (clients cannot dodge the limit by forging it)', async () => {
    const t = await buildTestApp('pglite', { AUTH_RATE_LIMIT_MAX: '2' });
    try {
      expect((await login(t, '203.0.113.1')).statusCode).toBe(401);
      expect((await login(t, '203.0.113.2')).statusCode).toBe(401);
      expect((await login(t, '203.0.113.3')).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });
});
