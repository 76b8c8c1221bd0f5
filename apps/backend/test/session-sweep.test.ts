import { sql } from 'drizzle-orm';
import { buildTestApp, type TestApp } from './helpers/app';
import { signUp, uniqueEmail } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(DATABASE_KINDS)('scheduled sweep on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, {
      SESSION_SWEEP_INTERVAL: '1s',
      SIGN_IN_LOCKOUT_WINDOW: '1m',
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(() => t.close());

  const run = (query: ReturnType<typeof sql>) => t.testDatabase.database.db.execute(query);
  async function count(query: ReturnType<typeof sql>): Promise<number> {
    const result = (await run(query)) as unknown as { rows: { n: number }[] };
    return Number(result.rows[0]?.n);
  }
  const expiredSessions = () =>
    count(sql`select count(*) as n from sessions where expires_at <= now()`);

  it('deletes expired sessions and stale failed sign-ins, and keeps live ones', async () => {
    const live = await signUp(t.app);
    const expired = await signUp(t.app);
    await run(
      sql`update sessions set expires_at = now() - interval '1 second' where user_id = (select id from users where email = ${expired.email})`,
    );
    const [staleWindow, endedLockout, current, locked] = [1, 2, 3, 4].map(() => uniqueEmail());
    await run(sql`insert into sign_in_failures (email, failures, window_started_at, locked_until) values
      (${staleWindow}, 2, now() - interval '2 minutes', null),
      (${endedLockout}, 3, now() - interval '30 seconds', now() - interval '1 second'),
      (${current}, 2, now(), null),
      (${locked}, 3, now() - interval '2 minutes', now() + interval '1 minute')`);

    await eventually('expired sessions are gone', async () => (await expiredSessions()) === 0);
    await eventually(
      'stale failures are gone',
      async () => (await count(sql`select count(*) as n from sign_in_failures`)) === 2,
    );
    const kept = (await run(sql`select email from sign_in_failures order by email`)) as unknown as {
      rows: { email: string }[];
    };
    expect(kept.rows.map((row) => row.email).sort()).toEqual([current, locked].sort());
    expect((await live.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('logs a failed sweep instead of throwing, and the next one succeeds', async () => {
    await run(sql`alter table sign_in_failures rename to sign_in_failures_away`);
    try {
      await eventually('the failure is logged', async () =>
        t.logs.some((line) => line.includes('sweeping expired sessions failed')),
      );
    } finally {
      await run(sql`alter table sign_in_failures_away rename to sign_in_failures`);
    }
    const line = JSON.parse(
      t.logs.find((entry) => entry.includes('sweeping expired sessions failed')) as string,
    );
    expect(line).toMatchObject({ level: 40, err: { message: expect.any(String) } });
    // The API itself is unaffected, and the schedule goes on.
    const user = await signUp(t.app);
    expect((await user.get('/api/auth/me')).statusCode).toBe(200);
    await run(sql`update sessions set expires_at = now() - interval '1 second'`);
    await eventually('expired sessions are gone', async () => (await expiredSessions()) === 0);
  });
});
