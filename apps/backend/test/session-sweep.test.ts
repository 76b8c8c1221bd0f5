import { sql } from 'drizzle-orm';
import { TASK_RESTORE_WINDOW_SECONDS } from '@todo/api-contracts';
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

  it('deletes every user’s deleted tasks past the restore window without another delete, and nothing else', async () => {
    const owner = await signUp(t.app);
    const other = await signUp(t.app);
    const expired = await owner.createTask({ title: 'Expired in the trash' });
    const othersExpired = await other.createTask({ title: 'Also expired' });
    const fresh = await owner.createTask({ title: 'Still restorable' });
    const kept = await owner.createTask({ title: 'Never deleted' });
    for (const [user, task] of [
      [owner, expired],
      [other, othersExpired],
      [owner, fresh],
    ] as const) {
      expect((await user.send('DELETE', `/api/tasks/${task.id}`)).statusCode).toBe(204);
    }
    const rows = async (query: ReturnType<typeof sql>) =>
      ((await run(query)) as unknown as { rows: unknown[] }).rows;
    const snapshot = async () => ({
      tasks: await rows(sql`select * from tasks order by id`),
      users: await rows(sql`select * from users order by id`),
      sessions: await rows(sql`select * from sessions order by id`),
    });
    const before = await snapshot();
    // Time passes in the database only: neither user deletes anything after this.
    await run(
      sql`update deleted_tasks set deleted_at = now() - make_interval(secs => ${
        TASK_RESTORE_WINDOW_SECONDS - 60
      }) where id = ${fresh.id}`,
    );
    await run(
      sql`update deleted_tasks set deleted_at = now() - make_interval(secs => ${
        TASK_RESTORE_WINDOW_SECONDS + 1
      }) where id in (${expired.id}, ${othersExpired.id})`,
    );

    const inTrash = (id: string) =>
      count(sql`select count(*) as n from deleted_tasks where id = ${id}`);
    await eventually(
      'expired trash is gone',
      async () => (await inTrash(expired.id)) + (await inTrash(othersExpired.id)) === 0,
    );
    expect(await inTrash(fresh.id)).toBe(1);
    expect(await snapshot()).toEqual(before);
    expect((await owner.get('/api/tasks')).json().items).toEqual([kept]);
    expect((await owner.send('POST', `/api/tasks/${fresh.id}/restore`)).json()).toEqual(fresh);
  });

  it('logs a failed sweep instead of throwing, and the next one succeeds', async () => {
    await run(sql`alter table sign_in_failures rename to sign_in_failures_away`);
    try {
      await eventually('the failure is logged', async () =>
        t.logs.some((line) => line.includes('sweeping expired rows failed')),
      );
    } finally {
      await run(sql`alter table sign_in_failures_away rename to sign_in_failures`);
    }
    const line = JSON.parse(
      t.logs.find((entry) => entry.includes('sweeping expired rows failed')) as string,
    );
    expect(line).toMatchObject({ level: 40, err: { message: expect.any(String) } });
    // The API itself is unaffected, and the schedule goes on.
    const user = await signUp(t.app);
    expect((await user.get('/api/auth/me')).statusCode).toBe(200);
    await run(sql`update sessions set expires_at = now() - interval '1 second'`);
    await eventually('expired sessions are gone', async () => (await expiredSessions()) === 0);
  });
});
