import { sql } from 'drizzle-orm';
import { hashPassword } from '../src/lib/password';
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

    it('rejects passwords outside 8–128 characters or only spaces, and malformed emails, naming the field', async () => {
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
      const blank = await post('/api/auth/register', {
        email: uniqueEmail(),
        password: ' '.repeat(8),
      });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors).toEqual([
        { location: 'body', field: 'password', message: 'Password must not be only spaces' },
      ]);
      const tabs = await post('/api/auth/register', {
        email: uniqueEmail(),
        password: '\t \n'.repeat(4),
      });
      expect(tabs.json().errors[0].message).toBe('Password must not be only spaces');
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

    it('checks any presented password, so an account older than a password rule still signs in', async () => {
      // An account whose password was chosen before whitespace-only passwords were refused.
      const email = uniqueEmail('legacy');
      const spaces = ' '.repeat(8);
      await t.testDatabase.database.db.execute(
        sql`insert into users (email, password_hash) values (${email}, ${await hashPassword(spaces)})`,
      );
      for (const url of ['/api/auth/login', '/api/auth/tokens']) {
        const signedIn = await post(url, { email, password: spaces });
        expect([url, signedIn.statusCode]).toEqual([url, url.endsWith('login') ? 200 : 201]);
      }
      // Short or blank passwords are simply wrong, not a reason to name the rules of new ones.
      const short = await post('/api/auth/login', { email, password: 'short' });
      expect([short.statusCode, short.json().detail]).toEqual([
        401,
        'Email or password is incorrect',
      ]);
      expect((await post('/api/auth/login', { email, password: '' })).statusCode).toBe(400);
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

    it('logout revokes the cookie session even behind a proxy that sends Basic auth', async () => {
      const user = await signUp(t.app);
      const basic = {
        authorization: `Basic ${Buffer.from('team:proxy-secret').toString('base64')}`,
      };
      // The Basic header is the proxy's, not a session: the cookie still signs the browser in.
      const me = await user.request({ method: 'GET', url: '/api/auth/me', headers: basic });
      expect(me.statusCode).toBe(200);
      const logout = await user.request({
        method: 'POST',
        url: '/api/auth/logout',
        headers: basic,
      });
      expect(logout.statusCode).toBe(204);
      expect(logout.cookies.find((c) => c.name === 'todo_session')?.value).toBe('');
      expect((await user.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('logout with both a bearer token and a cookie revokes both', async () => {
      const user = await signUp(t.app);
      const { token } = (
        await post('/api/auth/tokens', { email: user.email, password: PASSWORD })
      ).json();
      const bearer = { authorization: `Bearer ${token}` };
      const logout = await user.request({
        method: 'POST',
        url: '/api/auth/logout',
        headers: bearer,
      });
      expect(logout.statusCode).toBe(204);
      expect((await user.get('/api/auth/me')).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/auth/me', headers: bearer })).statusCode).toBe(401);
    });

    it('a bearer token decides when sent: an invalid one is refused even beside a valid cookie', async () => {
      const user = await signUp(t.app);
      const forged = await user.request({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${'x'.repeat(43)}` },
      });
      expect(forged.statusCode).toBe(401);
      const malformed = await user.request({
        method: 'GET',
        url: '/api/auth/me',
        headers: { authorization: 'Bearer' },
      });
      expect(malformed.statusCode).toBe(401);
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
});
