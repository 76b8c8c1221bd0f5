import { startApi, startUi, type Api, type Ui } from './harness';

describe('the UI server’s /api proxy (for deployments without ingress path routing)', () => {
  let api: Api;
  let ui: Ui;
  beforeAll(async () => {
    api = await startApi();
    ui = await startUi(api.url);
  });
  afterAll(async () => {
    await ui?.stop();
    await api?.stop();
  });

  it('answers /api/health itself, without asking the API', async () => {
    const response = await fetch(`${ui.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    // The API has no such route, so this answer cannot have been proxied.
    expect((await fetch(`${api.url}/api/health`)).status).toBe(404);
  });

  it('passes status codes, problem bodies, headers and cookies through unchanged', async () => {
    const email = `proxy-${Date.now()}@example.test`;
    const register = await fetch(`${ui.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'proxied-1' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    expect(register.status).toBe(201);
    expect(register.headers.get('x-request-id')).toBe('proxied-1');
    const cookie = register.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(
      /^todo_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/,
    );

    const session = cookie.split(';')[0] as string;
    const invalid = await fetch(`${ui.url}/api/tasks?limit=500`, { headers: { cookie: session } });
    const direct = await fetch(`${api.url}/api/tasks?limit=500`, { headers: { cookie: session } });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    const { requestId: _a, ...viaProxy } = await invalid.json();
    const { requestId: _b, ...viaApi } = await direct.json();
    expect(viaProxy).toEqual(viaApi);

    expect((await fetch(`${ui.url}/api/tasks`)).status).toBe(401);
    expect((await fetch(`${ui.url}/api/nowhere`)).status).toBe(404);
  });

  it('streams request bodies both ways, including the API’s 413 for an oversized one', async () => {
    const email = `stream-${Date.now()}@example.test`;
    const created = await fetch(`${ui.url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    const session = (created.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
    const description = 'd'.repeat(1000);
    const task = await fetch(`${ui.url}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session },
      body: JSON.stringify({ title: 'Through the proxy', description }),
    });
    expect(task.status).toBe(201);
    expect((await task.json()).description).toBe(description);
    const tooLarge = await fetch(`${ui.url}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session },
      body: JSON.stringify({ title: 'x', description: 'x'.repeat(70 * 1024) }),
    });
    expect(tooLarge.status).toBe(413);
  });

  it('answers 502 with a problem body when the API cannot be reached', async () => {
    const orphan = await startUi('http://127.0.0.1:9');
    try {
      const response = await fetch(`${orphan.url}/api/tasks`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        status: 502,
        detail: 'The API is unreachable; try again shortly',
      });
    } finally {
      await orphan.stop();
    }
  });
});
