import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from './helpers/app';
import { PASSWORD, signUp } from './helpers/client';

/** Answers Fastify never routes must still be problems that carry their request id. */
function expectProblem(
  response: { headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(response.headers['content-type']).toBe('application/problem+json');
  const body = JSON.parse(response.body);
  expect(body).toMatchObject({ type: 'about:blank', status, requestId: expect.any(String) });
  expect(response.headers['x-request-id']).toBe(body.requestId);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['cache-control']).toBe('no-store');
  return body;
}

/** Sends raw bytes to a listening app and parses the one HTTP/1.1 answer. */
function rawRequest(port: number, request: string) {
  return new Promise<{ status: number; headers: Record<string, string>; body: string }>(
    (resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = text.split('\r\n\r\n');
        const [statusLine = '', ...lines] = head.split('\r\n');
        const headers = Object.fromEntries(
          lines.map((line) => {
            const at = line.indexOf(':');
            return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
          }),
        );
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
      });
    },
  );
}

describe('HTTP hygiene', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await buildTestApp('pglite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(() => t.close());

  describe('errors raised before routing are RFC 9457 problems', () => {
    it('a malformed percent-escape in the URL → 400', async () => {
      const response = await t.app.inject({ url: '/api/tasks/%E0%A4%A' });
      expect(response.statusCode).toBe(400);
      expect(expectProblem(response, 400).detail).toBe(
        'The URL contains a malformed percent-escape',
      );
    });

    it('a path parameter longer than the router accepts → 414', async () => {
      const response = await t.app.inject({ url: `/api/tasks/${'a'.repeat(200)}` });
      expect(response.statusCode).toBe(414);
      expectProblem(response, 414);
    });

    it('headers over the limit → 431, with the path when it is short', async () => {
      const response = await rawRequest(
        port,
        `GET /api/tasks HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(response.status).toBe(431);
      expect(expectProblem(response, 431)).toMatchObject({ instance: '/api/tasks' });
    });

    it('a URL over the limit → 431, without echoing it', async () => {
      const response = await rawRequest(
        port,
        `GET /api/tasks?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      expect(response.status).toBe(431);
      expect(expectProblem(response, 431).instance).toBe('/api/tasks');
      expect(response.body.length).toBeLessThan(1000);
    });

    it('a request that is not HTTP → 400', async () => {
      const response = await rawRequest(port, 'HELLO\r\n\r\n');
      expect(response.status).toBe(400);
      expectProblem(response, 400);
    });
  });

  it('401 carries a WWW-Authenticate challenge', async () => {
    for (const url of ['/api/tasks', '/api/auth/me']) {
      const response = await t.app.inject({ url });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="todo"');
    }
  });

  it('no cache may keep a token, the current user or a task', async () => {
    const user = await signUp(t.app);
    const task = await user.createTask({ title: 'private' });
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { email: user.email, password: PASSWORD },
    });
    const responses: [string, LightMyRequestResponse][] = [
      ['tokens', token],
      ['me', await user.get('/api/auth/me')],
      ['list', await user.get('/api/tasks')],
      ['task', await user.get(`/api/tasks/${task.id}`)],
      ['created', await user.send('POST', '/api/tasks', { title: 'another' })],
    ];
    for (const [name, response] of responses) {
      expect([name, response.statusCode < 300, response.headers['cache-control']]).toEqual([
        name,
        true,
        'no-store',
      ]);
    }
  });

  it('the docs page runs no script and cannot be framed; its one style is allowed by hash', async () => {
    const docs = await t.app.inject({ url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    const policy = String(docs.headers['content-security-policy']);
    const style = /<style>([\s\S]*?)<\/style>/.exec(docs.body)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(policy.split('; ')).toEqual([
      "default-src 'none'",
      `style-src 'sha256-${hash}'`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]);
    expect(docs.body).not.toMatch(/<script|style="/);
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(docs.headers['referrer-policy']).toBe('no-referrer');
  });

  it('JSON answers forbid framing and any active content too', async () => {
    const response = await t.app.inject({ url: '/health' });
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers['x-frame-options']).toBe('DENY');
  });
});
