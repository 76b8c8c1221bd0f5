// PostgreSQL only (the e2e tier): PGlite has no named prepared statements to count.
import { sql } from 'drizzle-orm';
import { taskQuerySchema, type TaskQueryInput } from '@todo/api-contracts';
import { openDatabase, type Database } from '../src/db/client';
import { MAX_PREPARED_STATEMENTS } from '../src/db/prepared';
import { sessionTaskPageRepository } from '../src/repositories/session-task-page';
import { buildTestApp, type TestApp } from './helpers/app';
import { signUp } from './helpers/client';

const query = (input: TaskQueryInput = {}) => taskQuerySchema.parse(input);

describe('prepared statements of the task list on PostgreSQL', () => {
  let t: TestApp;
  let token: string;
  // One connection, so pg_prepared_statements (per connection) shows every statement.
  let database: Database;
  let pages: ReturnType<typeof sessionTaskPageRepository>;
  const prepared = async () => {
    const { rows } = (await database.db.execute(
      sql`select count(*)::int as count from pg_prepared_statements where name like 'session_tasks_page_%'`,
    )) as unknown as { rows: { count: number }[] };
    return rows[0]?.count;
  };

  beforeAll(async () => {
    t = await buildTestApp('postgres');
    const user = await signUp(t.app);
    token = user.cookie.split('=')[1] as string;
    await user.createTask({ title: 'Milk', priority: 'high', tags: ['home'] });
    database = await openDatabase({
      DATABASE_URL: t.testDatabase.url as string,
      DATABASE_POOL_MAX: 1,
      PGLITE_DATA_DIR: 'unused',
    });
    pages = sessionTaskPageRepository(database.db);
  });
  afterAll(async () => {
    await database.close();
    await t.close();
  });

  it('are one per shape of query: which filters are set, the sort and the order', async () => {
    const totals: (number | undefined)[] = [];
    for (const input of [
      {},
      { limit: 5, offset: 1 },
      { status: 'pending' },
      { status: 'completed' },
      { priority: 'high', tag: 'home' },
      { priority: 'low', tag: 'work' },
      { sort: 'title', order: 'asc' },
    ] as TaskQueryInput[])
      totals.push((await pages.list(token, query(input)))?.total);
    expect(totals).toEqual([1, 1, 1, 0, 1, 0, 1]);
    expect(await prepared()).toBe(4);
  });

  it(`stop at ${MAX_PREPARED_STATEMENTS}: further shapes run unprepared, with the same answers`, async () => {
    const shapes: TaskQueryInput[] = [];
    for (const sort of ['created', 'updated', 'due', 'priority', 'title'] as const)
      for (const order of ['asc', 'desc'] as const)
        for (const status of ['all', 'pending'] as const)
          for (const priority of [undefined, 'high'] as const)
            shapes.push({ sort, order, status, ...(priority ? { priority } : {}) });
    expect(shapes.length).toBeGreaterThan(MAX_PREPARED_STATEMENTS);
    for (const input of shapes) expect((await pages.list(token, query(input)))?.total).toBe(1);
    expect(await prepared()).toBe(MAX_PREPARED_STATEMENTS);
  });
});
