import { sql } from 'drizzle-orm';
import type { TaskPage, TaskQuery, User } from '@todo/api-contracts';
import type { Db } from '../db/client';
import { preparedStatements } from '../db/prepared';
import { hashSessionToken } from '../lib/session-token';
import { liveSessionUser } from './sessions';
import { taskPageColumns, taskPageQuery, toTaskPage, type TaskPageRow } from './tasks';
import { toUser } from './users';

export type SessionTaskPage = Pick<TaskPage, 'items' | 'total' | 'counts'> & { user: User };

type Row = TaskPageRow & { userId: string; userEmail: string; userCreatedAt: string };

/**
 * The task list, the API's busiest request, checks its session in the statement that reads the
 * page: one database round trip instead of two. Only this method does so; every other route
 * checks the session first (`authenticate`). The session rule stays the sessions repository's
 * (`liveSessionUser`), and nothing is cached: a revoked session fails here at once, on every
 * replica.
 */
export function sessionTaskPageRepository(db: Db) {
  const execute = preparedStatements(db, 'session_tasks_page');
  return {
    /** The session's user and their page of tasks; undefined when the session is not live. */
    async list(token: string, query: TaskQuery): Promise<SessionTaskPage | undefined> {
      const page = taskPageQuery(query);
      const statement = () => {
        const signedIn = liveSessionUser(db, sql.placeholder('tokenHash'));
        return sql`select signed_in.id as "userId", signed_in.email as "userEmail",
            signed_in.created_at as "userCreatedAt", ${taskPageColumns}
          from (${signedIn}) as signed_in cross join ${page.from(sql`signed_in.id`)}`;
      };
      const values = { ...page.values, tokenHash: hashSessionToken(token) };
      const rows = await execute<Row>(page.shape, statement, values);
      const first = rows[0];
      if (!first) return undefined;
      const user = toUser({
        id: first.userId,
        email: first.userEmail,
        createdAt: first.userCreatedAt,
      });
      return { user, ...toTaskPage(rows) };
    },
  };
}
