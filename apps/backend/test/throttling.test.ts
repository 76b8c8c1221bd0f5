import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { buildTestApp, type TestApp } from './helpers/app';
import { PASSWORD, signUp, uniqueEmail } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectTooMany(response: LightMyRequestResponse): void {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
}

describe.each(DATABASE_KINDS)('sign-in throttling on %s', (kind) => {
  describe('one budget per client address across the credential routes', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(kind, { AUTH_RATE_LIMIT_MAX: '4', AUTH_RATE_LIMIT_WINDOW: '1m' });
    });
    afterAll(() => t.close());

    const post = (url: string, remoteAddress: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, remoteAddress, payload });
    const credentials = () => ({ email: uniqueEmail(), password: PASSWORD });

    it('attempts on /login use up /register, /tokens, password changes and account deletion too', async () => {
      const user = await signUp(t.app); // from inject's default address, 127.0.0.1
      const client = '10.0.0.1';
      expect((await post('/api/auth/login', client, credentials())).statusCode).toBe(401);
      expect((await post('/api/auth/login', client, credentials())).statusCode).toBe(401);
      expect((await post('/api/auth/login', client, credentials())).statusCode).toBe(401);
      expect((await post('/api/auth/login', client, credentials())).statusCode).toBe(401);

      expectTooMany(await post('/api/auth/register', client, credentials()));
      expectTooMany(await post('/api/auth/tokens', client, credentials()));
      expectTooMany(await post('/api/auth/login', client, credentials()));
      const asUser = { remoteAddress: client, headers: { cookie: user.cookie } };
      expectTooMany(
        await t.app.inject({
          ...asUser,
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: PASSWORD, newPassword: 'another password' },
        }),
      );
      expectTooMany(
        await t.app.inject({
          ...asUser,
          method: 'DELETE',
          url: '/api/auth/account',
          payload: { password: PASSWORD },
        }),
      );
      // Routes that check no password are not part of the budget.
      expect((await t.app.inject({ ...asUser, url: '/api/auth/me' })).statusCode).toBe(200);
      // Another client has its own budget.
      expect((await post('/api/auth/register', '10.0.0.2', credentials())).statusCode).toBe(201);
    });
  });

  /** An app that locks an email after 3 failures within a minute, for `lockout`. */
  function lockoutTestApp(lockout: string) {
    let t!: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(kind, {
        SIGN_IN_LOCKOUT_FAILURES: '3',
        SIGN_IN_LOCKOUT_WINDOW: '1m',
        SIGN_IN_LOCKOUT_DURATION: lockout,
      });
    });
    afterAll(() => t.close());

    let address = 0;
    return {
      get t() {
        return t;
      },
      /** Each attempt from a new client address: the lockout is per account, not per client. */
      signIn: (email: string, password: string, url = '/api/auth/login') =>
        t.app.inject({
          method: 'POST',
          url,
          remoteAddress: `10.1.${Math.floor(++address / 250)}.${address % 250}`,
          payload: { email, password },
        }),
      async failThrice(email: string) {
        for (let i = 0; i < 3; i++)
          expect((await this.signIn(email, 'wrong password')).statusCode).toBe(401);
      },
    };
  }

  describe('a lockout is short and ends on time', () => {
    const app = lockoutTestApp('3s');
    const lockedUntil = async (email: string) => {
      const result = (await app.t.testDatabase.database.db.execute(
        sql`select locked_until::text as "lockedUntil" from sign_in_failures where email = ${email}`,
      )) as unknown as { rows: { lockedUntil: string }[] };
      return result.rows[0]?.lockedUntil;
    };

    it('refuses every sign-in for a locked email, even with the right password, until the lockout ends', async () => {
      const user = await signUp(app.t.app);
      await app.failThrice(user.email);

      const locked = await app.signIn(user.email.toUpperCase(), PASSWORD);
      expectTooMany(locked);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(3);
      expect(locked.json().detail).toMatch(
        /^Too many failed sign-ins for this email; try again in [123] s$/,
      );
      expectTooMany(await app.signIn(user.email, PASSWORD, '/api/auth/tokens'));

      // Attempts during the lockout are refused unchecked and do not prolong it.
      const until = await lockedUntil(user.email);
      expect(until).toEqual(expect.any(String));
      const during = await app.signIn(user.email, 'wrong password');
      expectTooMany(during);
      expect(await lockedUntil(user.email)).toBe(until);

      await sleep(Number(during.headers['retry-after']) * 1000);
      expect((await app.signIn(user.email, PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('per-account lockout after failed sign-ins', () => {
    // Long enough that no assertion races the end of a lockout on a loaded machine.
    const app = lockoutTestApp('1m');
    const { signIn } = app;
    const failThrice = (email: string) => app.failThrice(email);
    let t: TestApp;
    beforeAll(() => {
      t = app.t;
    });

    it('locks only the email at fault, whatever its case', async () => {
      const user = await signUp(t.app);
      const bystander = await signUp(t.app);
      await failThrice(user.email);
      expectTooMany(await signIn(user.email.toUpperCase(), PASSWORD));
      expect((await signIn(bystander.email, PASSWORD)).statusCode).toBe(200);
    });

    it('counts unknown emails exactly like known ones, so a lockout tells nothing about accounts', async () => {
      const known = await signUp(t.app);
      const unknown = uniqueEmail('nobody');
      await failThrice(known.email);
      await failThrice(unknown);
      const [a, b] = [await signIn(known.email, PASSWORD), await signIn(unknown, PASSWORD)];
      expect(a.statusCode).toBe(429);
      expect(b.statusCode).toBe(429);
      // The same answer, but for the seconds left (the two lockouts began moments apart).
      const withoutSeconds = (detail: string) => detail.replace(/\d+ s$/, 'N s');
      expect(withoutSeconds(b.json().detail)).toBe(withoutSeconds(a.json().detail));
      expect(Object.keys(b.json()).sort()).toEqual(Object.keys(a.json()).sort());
    });

    it('forgets the failures after a successful sign-in', async () => {
      const user = await signUp(t.app);
      expect((await signIn(user.email, 'wrong password')).statusCode).toBe(401);
      expect((await signIn(user.email, 'wrong password')).statusCode).toBe(401);
      expect((await signIn(user.email, PASSWORD)).statusCode).toBe(200);
      expect((await signIn(user.email, 'wrong password')).statusCode).toBe(401);
      expect((await signIn(user.email, 'wrong password')).statusCode).toBe(401);
      expect((await signIn(user.email, PASSWORD)).statusCode).toBe(200);
    });

    it('counts only failures within the window', async () => {
      const user = await signUp(t.app);
      expect((await signIn(user.email, 'wrong password')).statusCode).toBe(401);
      expect((await signIn(user.email, 'wrong password')).statusCode).toBe(401);
      // The window (1 minute) of those two failures has passed.
      await t.testDatabase.database.db.execute(
        sql`update sign_in_failures set window_started_at = now() - interval '61 seconds' where email = ${user.email}`,
      );
      expect((await signIn(user.email, 'wrong password')).statusCode).toBe(401);
      expect((await signIn(user.email, PASSWORD)).statusCode).toBe(200);
    });

    it('wrong passwords on password change and account deletion count too', async () => {
      const user = await signUp(t.app);
      const wrongChange = await user.send('POST', '/api/auth/password', {
        currentPassword: 'wrong password',
        newPassword: 'another password',
      });
      expect(wrongChange.statusCode).toBe(403);
      for (let i = 0; i < 2; i++) {
        const wrongDelete = await user.send('DELETE', '/api/auth/account', {
          password: 'wrong password',
        });
        expect(wrongDelete.statusCode).toBe(403);
      }
      expectTooMany(await signIn(user.email, PASSWORD));
      expectTooMany(
        await user.send('POST', '/api/auth/password', {
          currentPassword: PASSWORD,
          newPassword: 'another password',
        }),
      );
      expectTooMany(await user.send('DELETE', '/api/auth/account', { password: PASSWORD }));
    });

    it('holds across replicas: the count lives in the database', async () => {
      const user = await signUp(t.app);
      await failThrice(user.email);
      const rows = (await t.testDatabase.database.db.execute(
        sql`select failures, locked_until > now() as locked from sign_in_failures where email = ${user.email}`,
      )) as unknown as { rows: { failures: number; locked: boolean }[] };
      expect(rows.rows).toEqual([{ failures: 3, locked: true }]);
      // A second API process on the same database (closing it must not close the shared one).
      const replica = await buildApp({
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        database: { ...t.testDatabase.database, close: async () => undefined },
      });
      try {
        expectTooMany(
          await replica.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: user.email, password: PASSWORD },
          }),
        );
      } finally {
        await replica.close();
      }
    });
  });
});
