import { sql } from 'drizzle-orm';
import { hashSessionToken } from '../src/lib/session-token';
import { buildTestApp, type TestApp } from './helpers/app';
import { PASSWORD, signUp, UserClient } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

const NEW_PASSWORD = 'a brand new passphrase';

describe.each(DATABASE_KINDS)('account on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { SESSION_TTL: '1h' });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
  const login = (email: string, password: string) => post('/api/auth/login', { email, password });

  /** Another cookie session and a bearer token for the same account. */
  async function moreSessionsOf(user: UserClient) {
    const signedIn = await login(user.email, PASSWORD);
    const cookie = signedIn.cookies.find((c) => c.name === 'todo_session')?.value;
    const other = new UserClient(t.app, user.email, `todo_session=${cookie}`);
    const { token } = (
      await post('/api/auth/tokens', { email: user.email, password: PASSWORD })
    ).json();
    const bearer = (url: string) =>
      t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    return { other, bearer };
  }

  async function count(query: ReturnType<typeof sql>): Promise<number> {
    const result = (await t.testDatabase.database.db.execute(query)) as unknown as {
      rows: { n: number }[];
    };
    return Number(result.rows[0]?.n);
  }

  it('every account route needs a session', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
      ['POST', '/api/auth/logout-everywhere', undefined],
      ['DELETE', '/api/auth/account', { password: PASSWORD }],
    ] as const) {
      const response = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe('Sign in to continue');
    }
  });

  describe('change password', () => {
    it('sets the new password and ends every other session and token, not the current one', async () => {
      const user = await signUp(t.app);
      const { other, bearer } = await moreSessionsOf(user);
      expect((await bearer('/api/auth/me')).statusCode).toBe(200);

      const changed = await user.send('POST', '/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(changed.statusCode).toBe(204);
      expect(changed.body).toBe('');

      expect((await user.get('/api/auth/me')).statusCode).toBe(200);
      expect((await other.get('/api/auth/me')).statusCode).toBe(401);
      expect((await bearer('/api/auth/me')).statusCode).toBe(401);
      expect((await login(user.email, PASSWORD)).statusCode).toBe(401);
      expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);
    });

    it('keeps the bearer token it was called with', async () => {
      const user = await signUp(t.app);
      const { token } = (
        await post('/api/auth/tokens', { email: user.email, password: PASSWORD })
      ).json();
      const auth = { authorization: `Bearer ${token}` };
      const changed = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: auth,
        payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(changed.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/auth/me', headers: auth })).statusCode).toBe(200);
      expect((await user.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('answers 403 for a wrong current password and changes nothing', async () => {
      const user = await signUp(t.app);
      const { other } = await moreSessionsOf(user);
      const wrong = await user.send('POST', '/api/auth/password', {
        currentPassword: 'not my password',
        newPassword: NEW_PASSWORD,
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(wrong.json()).toMatchObject({
        status: 403,
        title: 'Forbidden',
        detail: 'Current password is incorrect',
      });
      expect((await other.get('/api/auth/me')).statusCode).toBe(200);
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    });

    it('holds the new password to the password rules, naming the field', async () => {
      const user = await signUp(t.app);
      const blank = await user.send('POST', '/api/auth/password', {
        currentPassword: PASSWORD,
        newPassword: ' '.repeat(10),
      });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors).toEqual([
        { location: 'body', field: 'newPassword', message: 'Password must not be only spaces' },
      ]);
      const missing = await user.send('POST', '/api/auth/password', { newPassword: NEW_PASSWORD });
      expect(missing.json().errors).toEqual([
        { location: 'body', field: 'currentPassword', message: 'Password is required' },
      ]);
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('sign out everywhere', () => {
    it('ends every session and token of the user and clears the cookie', async () => {
      const user = await signUp(t.app);
      const bystander = await signUp(t.app);
      const { other, bearer } = await moreSessionsOf(user);
      const response = await other.send('POST', '/api/auth/logout-everywhere');
      expect(response.statusCode).toBe(204);
      expect(response.cookies.find((c) => c.name === 'todo_session')?.value).toBe('');
      expect((await user.get('/api/auth/me')).statusCode).toBe(401);
      expect((await other.get('/api/auth/me')).statusCode).toBe(401);
      expect((await bearer('/api/auth/me')).statusCode).toBe(401);
      expect((await bystander.get('/api/auth/me')).statusCode).toBe(200);
      expect((await login(user.email, PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('active sessions', () => {
    it('lists the live sessions and tokens of the user, newest first, marking the current one', async () => {
      const user = await signUp(t.app);
      const { other } = await moreSessionsOf(user);
      const expired = await login(user.email, PASSWORD);
      const expiredToken = expired.cookies.find((c) => c.name === 'todo_session')?.value ?? '';
      await t.testDatabase.database.db.execute(
        sql`update sessions set expires_at = now() - interval '1 second'
            where token_hash = ${hashSessionToken(expiredToken)}`,
      );
      await signUp(t.app); // another user's sessions are not listed

      const response = await other.get('/api/auth/sessions');
      expect(response.statusCode).toBe(200);
      const { items } = response.json();
      expect(items).toHaveLength(3);
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual([
          'createdAt',
          'current',
          'expiresAt',
          'id',
          'kind',
        ]);
        expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(Date.parse(item.expiresAt)).toBeGreaterThan(Date.now());
      }
      // Newest first: the token, the second sign-in (this request's), the registration.
      expect(items.map((item: { kind: string }) => item.kind)).toEqual([
        'token',
        'cookie',
        'cookie',
      ]);
      expect(items.map((item: { current: boolean }) => item.current)).toEqual([false, true, false]);
    });

    it('revokes one session by id; the current one also clears the cookie', async () => {
      const user = await signUp(t.app);
      const { other, bearer } = await moreSessionsOf(user);
      const stranger = await signUp(t.app);
      const list = async (client: UserClient) =>
        (await client.get('/api/auth/sessions')).json().items as {
          id: string;
          kind: string;
          current: boolean;
        }[];

      const token = (await list(user)).find((item) => item.kind === 'token');
      const revoked = await user.send('DELETE', `/api/auth/sessions/${token?.id}`);
      expect(revoked.statusCode).toBe(204);
      expect(revoked.cookies).toEqual([]);
      expect((await bearer('/api/auth/me')).statusCode).toBe(401);
      expect(await list(user)).toHaveLength(2);

      // Another user's session is not found, exactly like a missing one, and stays valid.
      const strangers = await list(stranger);
      const foreign = await user.send('DELETE', `/api/auth/sessions/${strangers[0]?.id}`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().detail).toBe('No session with this id');
      expect((await stranger.get('/api/auth/me')).statusCode).toBe(200);
      const bad = await user.send('DELETE', '/api/auth/sessions/not-a-uuid');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([
        { location: 'params', field: 'id', message: 'Session id must be a UUID' },
      ]);

      const current = (await list(other)).find((item) => item.current);
      const signedOut = await other.send('DELETE', `/api/auth/sessions/${current?.id}`);
      expect(signedOut.statusCode).toBe(204);
      expect(signedOut.cookies.find((c) => c.name === 'todo_session')?.value).toBe('');
      expect((await other.get('/api/auth/me')).statusCode).toBe(401);
      expect((await user.get('/api/auth/me')).statusCode).toBe(200);
    });

    it('needs a session', async () => {
      expect((await t.app.inject({ url: '/api/auth/sessions' })).statusCode).toBe(401);
      const id = '00000000-0000-4000-8000-000000000000';
      const response = await t.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${id}` });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('delete account', () => {
    it('answers 403 for a wrong password and keeps everything', async () => {
      const user = await signUp(t.app);
      await user.createTask({ title: 'keep me' });
      const wrong = await user.send('DELETE', '/api/auth/account', { password: 'not my password' });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toMatchObject({ status: 403, detail: 'Password is incorrect' });
      const tasks = await user.get('/api/tasks');
      expect(tasks.json().total).toBe(1);
    });

    it('deletes the user with every task, session, token and failed sign-in, nothing else', async () => {
      const user = await signUp(t.app);
      const bystander = await signUp(t.app);
      await bystander.createTask({ title: 'not yours' });
      await user.createTask({ title: 'one' });
      await user.createTask({ title: 'two' });
      const { other, bearer } = await moreSessionsOf(user);
      expect((await login(user.email, 'a wrong guess')).statusCode).toBe(401);
      const { id } = (await user.get('/api/auth/me')).json().user;
      expect(await count(sql`select count(*) as n from tasks where user_id = ${id}`)).toBe(2);
      expect(await count(sql`select count(*) as n from sessions where user_id = ${id}`)).toBe(3);

      const deleted = await user.send('DELETE', '/api/auth/account', { password: PASSWORD });
      expect(deleted.statusCode).toBe(204);
      expect(deleted.cookies.find((c) => c.name === 'todo_session')?.value).toBe('');

      expect(await count(sql`select count(*) as n from users where id = ${id}`)).toBe(0);
      expect(await count(sql`select count(*) as n from tasks where user_id = ${id}`)).toBe(0);
      expect(await count(sql`select count(*) as n from sessions where user_id = ${id}`)).toBe(0);
      expect(
        await count(sql`select count(*) as n from sign_in_failures where email = ${user.email}`),
      ).toBe(0);
      expect((await other.get('/api/auth/me')).statusCode).toBe(401);
      expect((await bearer('/api/auth/me')).statusCode).toBe(401);
      expect((await login(user.email, PASSWORD)).statusCode).toBe(401);
      expect((await bystander.get('/api/tasks')).json().total).toBe(1);
      // The email is free again.
      expect(
        (await post('/api/auth/register', { email: user.email, password: PASSWORD })).statusCode,
      ).toBe(201);
    });

    it('needs the password in a JSON body', async () => {
      const user = await signUp(t.app);
      const missing = await user.send('DELETE', '/api/auth/account', {});
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors).toEqual([
        { location: 'body', field: 'password', message: 'Password is required' },
      ]);
      const none = await user.send('DELETE', '/api/auth/account');
      expect(none.statusCode).toBe(400);
      expect((await user.get('/api/auth/me')).statusCode).toBe(200);
    });
  });
});
