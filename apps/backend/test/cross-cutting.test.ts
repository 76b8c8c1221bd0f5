import { randomUUID } from 'node:crypto';
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

  it('allows every method of every operation the API documents, and exposes Retry-After and x-request-id', async () => {
    const t = await buildTestApp('pglite', { CORS_ORIGINS: 'http://todo.local' });
    try {
      const document = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map((method) => [method.toUpperCase(), path.replace(/\{[^}]+\}/g, randomUUID())]),
      );
      expect(operations.map(([method]) => method)).toEqual(
        expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      );
      for (const [method, url] of operations) {
        const preflight = await t.app.inject({
          method: 'OPTIONS',
          url,
          headers: {
            origin: 'http://todo.local',
            'access-control-request-method': method,
            'access-control-request-headers': 'content-type,authorization',
          },
        });
        expect([method, url, preflight.statusCode]).toEqual([method, url, 204]);
        expect(String(preflight.headers['access-control-allow-methods']).split(/,\s*/)).toContain(
          method,
        );
        expect(preflight.headers['access-control-allow-headers']).toBe(
          'content-type,authorization',
        );
      }
      const answer = await t.app.inject({
        url: '/health',
        headers: { origin: 'http://todo.local' },
      });
      expect(String(answer.headers['access-control-expose-headers']).split(/,\s*/)).toEqual(
        expect.arrayContaining(['retry-after', 'x-request-id']),
      );
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
  /** A failed sign-in arriving from `remoteAddress` (by default the ingress, 10.0.0.9). */
  const login = (
    t: Awaited<ReturnType<typeof buildTestApp>>,
    forwardedFor: string,
    remoteAddress = '10.0.0.9',
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: uniqueEmail(), password: PASSWORD },
    });

  it('with TRUST_PROXY=1, counts the address the ingress saw, whatever the client wrote before it', async () => {
    const t = await buildTestApp('pglite', { TRUST_PROXY: '1', AUTH_RATE_LIMIT_MAX: '2' });
    try {
      // The ingress appends the address it saw; everything left of it is the client's own text.
      const spoofed = (client: string, n: number) => `198.51.100.${n}, ${client}`;
      expect((await login(t, spoofed('203.0.113.1', 1))).statusCode).toBe(401);
      expect((await login(t, spoofed('203.0.113.1', 2))).statusCode).toBe(401);
      expect((await login(t, spoofed('203.0.113.1', 3))).statusCode).toBe(429);
      expect((await login(t, spoofed('203.0.113.2', 4))).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('with TRUST_PROXY as CIDRs, believes only those proxies', async () => {
    const t = await buildTestApp('pglite', { TRUST_PROXY: '10.0.0.0/8', AUTH_RATE_LIMIT_MAX: '2' });
    try {
      expect((await login(t, '198.51.100.1, 203.0.113.1')).statusCode).toBe(401);
      expect((await login(t, '198.51.100.2, 203.0.113.1')).statusCode).toBe(401);
      expect((await login(t, '198.51.100.3, 203.0.113.1')).statusCode).toBe(429);
      // A client that is not one of the proxies names nobody but itself.
      const client = '192.0.2.7';
      expect((await login(t, '203.0.113.5', client)).statusCode).toBe(401);
      expect((await login(t, '203.0.113.6', client)).statusCode).toBe(401);
      expect((await login(t, '203.0.113.7', client)).statusCode).toBe(429);
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
