// The benchmark's yardstick (bench.ts starts it): the task list as bare Fastify + pg would serve
// it, with none of the API's work around the query (no session check, hooks, request log, metrics,
// query validation). Same statement shape as the API's page (the total and the user's counts in
// one aggregate, joined with a lateral page), sent unprepared, and the same serialiser, so the
// API's figures are read as a ratio of this one measured in the same run on the same machine.
//   PORT=… DATABASE_URL=… USER_ID=… node --import tsx apps/backend/test/bench-bare-list.ts
import Fastify from 'fastify';
import { Pool, types } from 'pg';
import { taskPageSchema } from '@todo/api-contracts';
import { fastSerializerCompiler } from '../src/lib/serializer';
import { toIsoTimestamp } from '../src/lib/timestamp';

const { PORT, DATABASE_URL, USER_ID, DATABASE_POOL_MAX = '10' } = process.env;
if (!PORT || !DATABASE_URL || !USER_ID)
  throw new Error('PORT, DATABASE_URL and USER_ID are required');

// Timestamps and dates stay text, as the API keeps them (no Date objects per row).
for (const oid of [types.builtins.TIMESTAMPTZ, types.builtins.DATE])
  types.setTypeParser(oid, String);
const pool = new Pool({
  connectionString: DATABASE_URL,
  max: Number(DATABASE_POOL_MAX),
  options: '-c TimeZone=UTC',
});

const PAGE = `select counted.total, counted.all_count, counted.pending_count, page.id, page.title,
    page.description, page.completed, page.priority, page.tags, page.due_date as "dueDate",
    page.created_at as "createdAt", page.updated_at as "updatedAt"
  from (select count(*)::int as total, count(*)::int as all_count,
      count(*) filter (where not completed)::int as pending_count
    from tasks where user_id = $1) as counted
  left join lateral (select * from tasks where user_id = $1 order by created_at desc, id
    limit $2 offset $3) as page on true`;

const app = Fastify({ logger: false });
app.setSerializerCompiler(fastSerializerCompiler);
app.get('/ready', async () => ({ ready: true }));
app.get<{ Querystring: { limit?: string; offset?: string } }>(
  '/bare/tasks',
  { schema: { response: { 200: taskPageSchema } } },
  async (request) => {
    const limit = Number(request.query.limit ?? 20);
    const offset = Number(request.query.offset ?? 0);
    const { rows } = await pool.query(PAGE, [USER_ID, limit, offset]);
    return {
      items: rows
        .filter((row) => row.id !== null)
        .map(({ total: _total, all_count: _all, pending_count: _pending, ...task }) => ({
          ...task,
          createdAt: toIsoTimestamp(task.createdAt),
          updatedAt: toIsoTimestamp(task.updatedAt),
        })),
      total: rows[0]?.total ?? 0,
      limit,
      offset,
      counts: {
        all: rows[0]?.all_count ?? 0,
        pending: rows[0]?.pending_count ?? 0,
        completed: (rows[0]?.all_count ?? 0) - (rows[0]?.pending_count ?? 0),
      },
    };
  },
);
app.listen({ port: Number(PORT), host: '127.0.0.1' }).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
