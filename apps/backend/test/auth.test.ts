import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from './helpers/app';
import { PASSWORD, signUp, uniqueEmail } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

describe.each(DATABASE_KINDS)('auth on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { SESSION_TTL: '1h' });
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers });

  describe('register', () => {
    it('creates the account with a lower-cased email and signs in with an httpOnly, SameSite=Lax cookie', async () => {
      const email = uniqueEmail('Mixed.Case').toUpperCase();
      const response = await post('/api/auth/register', {
        email: `  ${email} `,
        password: PASSWORD,
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body.user.email).toBe(email.toLowerCase());
      expect(body).not.toHaveProperty('token');
      expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(3500 * 1000);
      const cookie = response.cookies.find((c) => c.name === 'todo_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 3600 });
      expect(cookie?.secure).toBeFalsy();
    });

    it('answers 409 for an email already taken, whatever its case', async () => {
      const email = uniqueEmail();
      expect((await post('/api/auth/register', { email, password: PASSWORD })).statusCode).toBe(
        201,
      );
      const again = await post('/api/auth/register', {
        email: email.toUpperCase(),
        password: PASSWORD,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('An account with this email already exists');
    });

    it('rejects passwords outside 8–128 characters and malformed emails, naming the field', async () => {
      const short = await post('/api/auth/register', { email: uniqueEmail(), password: 'short' });
      expect(short.statusCode).toBe(400);
      expect(short.json().errors).toEqual([
        { location: 'body', field: 'password', message: 'Password must be at least 8 characters' },
      ]);
      const long = await post('/api/auth/register', {
        email: uniqueEmail(),
        password: 'x'.repeat(129),
      });
      expect(long.json().errors[0].message).toBe('Password must be at most 128 characters');
      const email = await post('/api/auth/register', { email: 'not-an-email', password: PASSWORD });
      expect(email.json().errors).toEqual([
        { location: 'body', field: 'email', message: 'Enter a valid email address' },
      ]);
    });

    it('stores a salted scrypt hash, never the password', async () => {
      const email = uniqueEmail();
      await post('/api/auth/register', { email, password: PASSWORD });
      await post('/api/auth/register', { email: uniqueEmail(), password: PASSWORD });
      const rows = (await t.testDatabase.database.db.execute(
        sql`select email, password_hash from users`,
      )) as unknown as { rows: { email: string; password_hash: string }[] };
      const hashes = rows.rows.map((row) => row.password_hash);
      for (const hash of hashes) {
        expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
        expect(hash).not.toContain(PASSWORD);
      }
      expect(new Set(hashes).size).toBe(hashes.length);
    });
  });

  describe('login', () => {
    it('signs in with the right password and gives the same 401 for a wrong password and an unknown email', async () => {
      const user = await signUp(t.app);
      const ok = await post('/api/auth/login', {
        email: user.email.toUpperCase(),
        password: PASSWORD,
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.email).toBe(user.email);
      expect(ok.cookies.some((c) => c.name === 'todo_session' && c.value.length === 43)).toBe(true);

      const wrong = await post('/api/auth/login', {
        email: user.email,
        password: 'wrong password',
      });
      const unknown = await post('/api/auth/login', { email: uniqueEmail(), password: PASSWORD });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().detail).toBe('Email or password is incorrect');
      expect(unknown.json().detail).toBe(wrong.json().detail);
      expect(wrong.cookies).toEqual([]);
    });
  });

  describe('sessions', () => {
    it('/me answers the signed-in user, and 401 without a session or with a forged one', async () => {
      const user = await signUp(t.app);
      const me = await user.get('/api/auth/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().user.email).toBe(user.email);
      expect((await t.app.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
      const forged = await t.app.inject({
        url: '/api/auth/me',
        cookies: { todo_session: 'x'.repeat(43) },
      });
      expect(forged.statusCode).toBe(401);
      expect(forged.json()).toMatchObject({ status: 401, detail: 'Sign in to continue' });
    });

    it('logout revokes the session on the server and clears the cookie', async () => {
      const user = await signUp(t.app);
      const logout = await user.send('POST', '/api/auth/logout');
      expect(logout.statusCode).toBe(204);
      const cleared = logout.cookies.find((c) => c.name === 'todo_session');
      expect(cleared?.value).toBe('');
      // The old cookie, replayed, no longer works.
      expect((await user.get('/api/auth/me')).statusCode).toBe(401);
      // Logging out twice is harmless.
      expect((await user.send('POST', '/api/auth/logout')).statusCode).toBe(204);
    });

    it('stores only a hash of each session token', async () => {
      const user = await signUp(t.app);
      const token = user.cookie.split('=')[1] as string;
      const result = (await t.testDatabase.database.db.execute(
        sql`select token_hash from sessions`,
      )) as unknown as { rows: { token_hash: string }[] };
      expect(result.rows.length).toBeGreaterThan(0);
      expect(result.rows.some((row) => row.token_hash === token)).toBe(false);
    });

    it('rejects an expired session', async () => {
      const user = await signUp(t.app);
      await t.testDatabase.database.db.execute(
        sql`update sessions set expires_at = now() - interval '1 second' where user_id = (select id from users where email = ${user.email})`,
      );
      expect((await user.get('/api/auth/me')).statusCode).toBe(401);
    });
  });

  describe('bearer tokens for API clients', () => {
    it('issues a token that works as Authorization: Bearer until logout', async () => {
      const user = await signUp(t.app);
      const issued = await post('/api/auth/tokens', { email: user.email, password: PASSWORD });
      expect(issued.statusCode).toBe(201);
      expect(issued.cookies).toEqual([]);
      const { token } = issued.json();
      const auth = { authorization: `Bearer ${token}` };
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/tasks',
        headers: auth,
        payload: { title: 'via API' },
      });
      expect(created.statusCode).toBe(201);
      expect((await t.app.inject({ url: '/api/auth/me', headers: auth })).json().user.email).toBe(
        user.email,
      );
      expect(
        (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode,
      ).toBe(204);
      expect((await t.app.inject({ url: '/api/auth/me', headers: auth })).statusCode).toBe(401);
    });

    it('does not issue tokens for wrong credentials', async () => {
      const user = await signUp(t.app);
      const response = await post('/api/auth/tokens', {
        email: user.email,
        password: 'not the password',
      });
      expect(response.statusCode).toBe(401);
    });
  });
});

describe('auth settings', () => {
  it('marks the cookie Secure when COOKIE_SECURE=true', async () => {
    const t = await buildTestApp('pglite', { COOKIE_SECURE: 'true' });
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { email: uniqueEmail(), password: PASSWORD },
      });
      expect(response.cookies.find((c) => c.name === 'todo_session')?.secure).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('rate-limits register, login and tokens per IP with 429 and Retry-After', async () => {
    const t = await buildTestApp('pglite', {
      AUTH_RATE_LIMIT_MAX: '3',
      AUTH_RATE_LIMIT_WINDOW: '1m',
    });
    try {
      const attempt = (url: string, remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url,
          remoteAddress,
          payload: { email: uniqueEmail(), password: PASSWORD },
        });
      for (const url of ['/api/auth/login', '/api/auth/register', '/api/auth/tokens']) {
        const codes = [];
        for (let i = 0; i < 4; i++) codes.push((await attempt(url, '10.0.0.1')).statusCode);
        expect(codes.slice(0, 3)).not.toContain(429);
        expect(codes[3]).toBe(429);
        const limited = await attempt(url, '10.0.0.1');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
        // Another client is not affected.
        expect((await attempt(url, '10.0.0.2')).statusCode).not.toBe(429);
      }
    } finally {
      await t.close();
    }
  });
});
