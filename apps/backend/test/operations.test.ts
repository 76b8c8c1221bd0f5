import { buildMetricsServer } from '../src/metrics-server';
import { buildTestApp, type TestApp } from './helpers/app';
import { signUp, PASSWORD } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

describe.each(DATABASE_KINDS)('operations endpoints on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { LOG_LEVEL: 'info' });
  });
  afterAll(() => t.close());

  it('GET /health → 200 {"status":"healthy"}', async () => {
    const response = await t.app.inject({ url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"status":"healthy"}');
  });

  it('GET /ready → 200 with the database connected, exactly this body', async () => {
    const response = await t.app.inject({ url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"status":"ready","checks":{"database":"connected"}}');
  });

  it('GET /ready → 503 once the process is draining for shutdown', async () => {
    t.app.draining = true;
    try {
      const response = await t.app.inject({ url: '/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'not_ready', checks: { database: 'connected' } });
      expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      t.app.draining = false;
    }
  });

  it('GET /metrics on the metrics port exposes a request histogram labelled by route template, plus process metrics', async () => {
    const user = await signUp(t.app);
    const task = await user.createTask({ title: 'measured' });
    await user.get(`/api/tasks/${task.id}`);
    await user.get('/api/tasks/00000000-0000-4000-8000-000000000000');
    await t.app.inject({ url: `/no/such/${task.id}` });

    const metricsServer = buildMetricsServer(t.app.metrics);
    const response = await metricsServer.inject({ url: '/metrics' });
    const elsewhere = await metricsServer.inject({ url: '/api/tasks' });
    await metricsServer.close();
    expect(response.statusCode).toBe(200);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/tasks\/:id",status_code="200"\} 1/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/tasks\/:id",status_code="404"\} 1/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/api\/tasks",status_code="201"\}/,
    );
    expect(text).toMatch(/route="unmatched",status_code="404"/);
    // The public port does not serve them: it answers like any unknown route.
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    expect(text).toContain('# TYPE todo_api_ready gauge\ntodo_api_ready 1\n');
    expect(text).not.toContain(task.id);
    for (const metric of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${metric}`);
    }
  });

  it('serves the OpenAPI 3.1 document and a human docs page', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/auth/account',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/logout-everywhere',
      '/api/auth/me',
      '/api/auth/password',
      '/api/auth/register',
      '/api/auth/sessions',
      '/api/auth/sessions/{id}',
      '/api/auth/tokens',
      '/api/tasks',
      '/api/tasks/{id}',
      '/api/tasks/{id}/complete',
      '/api/tasks/{id}/restore',
      '/health',
      '/ready',
    ]);
    expect(Object.keys(document.paths['/api/tasks/{id}']).sort()).toEqual([
      'delete',
      'get',
      'patch',
      'put',
    ]);
    const parameters = document.paths['/api/tasks'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(parameters.sort()).toEqual([
      'dueAfter',
      'dueBefore',
      'limit',
      'offset',
      'order',
      'priority',
      'q',
      'sort',
      'status',
      'tag',
    ]);
    expect(document.components.schemas.Task.properties.priority).toBeDefined();

    const docs = await t.app.inject({ url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(docs.body).toContain('<title>Todo API reference</title>');
    expect(docs.body).toContain('/api/tasks/{id}/complete');
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const kept = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.app.inject({
      url: '/health',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs JSON with a request id on every request line and never a password, token or cookie', async () => {
    t.logs.length = 0;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: `logs-${Date.now()}@example.test`, password: PASSWORD },
      headers: { 'x-request-id': 'trace-me' },
    });
    const token = response.cookies[0]?.value as string;
    await t.app.inject({
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'trace-me' },
    });
    await t.app.inject({
      url: '/api/auth/me',
      cookies: { todo_session: token },
      headers: { 'x-request-id': 'trace-me' },
    });

    expect(t.logs.length).toBeGreaterThanOrEqual(6);
    for (const line of t.logs) {
      const entry = JSON.parse(line);
      expect(entry.reqId).toBe('trace-me');
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(token);
    }
  });
});
