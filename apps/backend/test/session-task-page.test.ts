import { sql } from 'drizzle-orm';
import { taskQuerySchema, type TaskQueryInput } from '@todo/api-contracts';
import { sessionTaskPageRepository } from '../src/repositories/session-task-page';
import { buildTestApp, type TestApp } from './helpers/app';
import { signUp, type UserClient } from './helpers/client';
import { DATABASE_KINDS } from './helpers/database';

const query = (input: TaskQueryInput = {}) => taskQuerySchema.parse(input);
const tokenOf = (user: UserClient) => user.cookie.split('=')[1] as string;

describe.each(DATABASE_KINDS)(
  'the task list checks its session in the statement that reads it, on %s',
  (kind) => {
    let t: TestApp;
    let pages: ReturnType<typeof sessionTaskPageRepository>;
    beforeAll(async () => {
      t = await buildTestApp(kind);
      pages = sessionTaskPageRepository(t.app.database.db);
    });
    afterAll(() => t.close());

    it('answers the session’s user and their page, total and counts, and no one else’s tasks', async () => {
      const user = await signUp(t.app);
      const other = await signUp(t.app);
      await other.createTask({ title: 'Not yours' });
      for (const title of ['First', 'Second', 'Third']) await user.createTask({ title });

      const page = await pages.list(tokenOf(user), query({ limit: 2 }));
      expect(page?.user).toMatchObject({
        email: user.email,
        createdAt: expect.stringMatching(/Z$/),
      });
      expect(page?.total).toBe(3);
      expect(page?.items.map((task) => task.title)).toEqual(['Third', 'Second']);
      expect(page?.counts).toEqual({ all: 3, pending: 3, completed: 0 });

      const empty = await pages.list(tokenOf(user), query({ q: 'nothing like it' }));
      expect(empty).toMatchObject({
        items: [],
        total: 0,
        counts: { all: 3, pending: 3, completed: 0 },
        user: { email: user.email },
      });
    });

    it('answers nothing for an unknown, a revoked or an expired session', async () => {
      expect(await pages.list('not-a-session', query())).toBeUndefined();

      const revoked = await signUp(t.app);
      expect(await pages.list(tokenOf(revoked), query())).toBeDefined();
      await revoked.send('POST', '/api/auth/logout');
      expect(await pages.list(tokenOf(revoked), query())).toBeUndefined();

      const expired = await signUp(t.app);
      await t.app.database.db.execute(
        sql`update sessions set expires_at = now() - interval '1 second'
            where user_id = (select id from users where email = ${expired.email})`,
      );
      expect(await pages.list(tokenOf(expired), query())).toBeUndefined();
    });

    it('GET /api/tasks answers 401 at once after logout, and judges the query after the session', async () => {
      const user = await signUp(t.app);
      expect((await user.get('/api/tasks')).statusCode).toBe(200);
      expect((await user.get('/api/tasks?limit=0')).statusCode).toBe(400);
      const anonymous = await t.app.inject({ url: '/api/tasks?limit=0' });
      expect(anonymous.statusCode).toBe(401);
      const forged = await t.app.inject({
        url: '/api/tasks?limit=0',
        headers: { authorization: `Bearer ${'x'.repeat(43)}` },
      });
      expect(forged.statusCode).toBe(401);

      await user.send('POST', '/api/auth/logout');
      const afterLogout = await user.get('/api/tasks');
      expect(afterLogout.statusCode).toBe(401);
      expect(afterLogout.json()).toMatchObject({ status: 401, detail: 'Sign in to continue' });
    });

    it('GET /api/tasks refuses a bearer token that is not live, even beside a live cookie', async () => {
      const user = await signUp(t.app);
      const response = await user.request({
        url: '/api/tasks',
        headers: { authorization: `Bearer ${'x'.repeat(43)}` },
      });
      expect(response.statusCode).toBe(401);
    });
  },
);
