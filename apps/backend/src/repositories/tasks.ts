import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  ilike,
  lt,
  not,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import {
  TASK_RESTORE_WINDOW_SECONDS,
  type Task,
  type TaskPage,
  type TaskQuery,
} from '@todo/api-contracts';
import type { Db } from '../db/client';
import { deletedTasks, tasks, type TaskRow } from '../db/schema';
import { toIsoTimestamp } from '../lib/timestamp';

/** The fields a client may set, already validated and normalised by the contracts' schemas. */
export interface TaskFields {
  title: string;
  description?: string | null;
  priority?: Task['priority'];
  tags?: string[];
  dueDate?: string | null;
  completed?: boolean;
}

const TASK_DEFAULTS: Required<Omit<TaskFields, 'title'>> = {
  description: null,
  priority: 'medium',
  tags: [],
  dueDate: null,
  completed: false,
};

function toTask(row: Omit<TaskRow, 'userId'>): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    priority: row.priority,
    tags: row.tags,
    dueDate: row.dueDate,
    createdAt: toIsoTimestamp(row.createdAt),
    updatedAt: toIsoTimestamp(row.updatedAt),
  };
}

/** `%` and `_` typed by a user are searched for literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

const sortColumns = {
  created: tasks.createdAt,
  updated: tasks.updatedAt,
  due: tasks.dueDate,
  priority: tasks.priority,
  title: sql`lower(${tasks.title})`,
} as const;

function orderBy(query: TaskQuery): SQL[] {
  const direction = query.order === 'asc' ? asc : desc;
  const primary = direction(sortColumns[query.sort]);
  // Tasks without a due date come last in either direction; id makes pages stable.
  const nullsLast = query.sort === 'due' ? [sql`${tasks.dueDate} is null`] : [];
  return [...nullsLast, primary, desc(tasks.createdAt), asc(tasks.id)];
}

interface Filter {
  condition: SQL;
  /** The placeholder the condition compares with, and its value. */
  name: string;
  value: unknown;
}

/** The filters a query sets, each comparing with a placeholder rather than with its value. */
function filters(query: TaskQuery): Filter[] {
  const value = sql.placeholder;
  const set: (Filter | false)[] = [
    query.status !== 'all' && {
      condition: eq(tasks.completed, value('completed')),
      name: 'completed',
      value: query.status === 'completed',
    },
    !!query.priority && {
      condition: eq(tasks.priority, value('priority')),
      name: 'priority',
      value: query.priority,
    },
    !!query.tag && {
      condition: sql`${value('tag')} = any(${tasks.tags})`,
      name: 'tag',
      value: query.tag,
    },
    !!query.q && {
      condition: or(
        ilike(tasks.title, value('pattern')),
        ilike(tasks.description, value('pattern')),
      ) as SQL,
      name: 'pattern',
      value: likePattern(query.q),
    },
    !!query.dueBefore && {
      condition: lt(tasks.dueDate, value('dueBefore')),
      name: 'dueBefore',
      value: query.dueBefore,
    },
    !!query.dueAfter && {
      condition: gt(tasks.dueDate, value('dueAfter')),
      name: 'dueAfter',
      value: query.dueAfter,
    },
  ];
  return set.filter((filter) => filter !== false);
}

/** A page of tasks as `TaskPageQuery.from` selects it: every row carries the total and counts. */
export type TaskPageRow = Omit<TaskRow, 'userId' | 'id'> & {
  id: string | null;
  total: number;
  allCount: number;
  pendingCount: number;
};

export const taskPageColumns = sql`counted.total, counted.all_count as "allCount",
  counted.pending_count as "pendingCount", page.id, page.title, page.description,
  page.completed, page.priority, page.tags, page.due_date as "dueDate",
  page.created_at as "createdAt", page.updated_at as "updatedAt"`;

export interface TaskPageQuery {
  /** What the statement's text depends on: the sort, the order and which filters are set. */
  shape: string;
  /** The statement's sources for the tasks of `owner` (a column of a source before them). */
  from(owner: SQL): SQL;
  /** The placeholders' values. */
  values: Record<string, unknown>;
}

/**
 * The total of the tasks that match: counted in the owner's counts' pass when no filter or only
 * the status is set (columns tasks_user_completed_idx holds), on its own otherwise, where it may
 * use an index of its own (tasks_user_due_idx) instead of reading every task of the owner.
 */
function totalOf(set: Filter[], matching: SQL | undefined): SQL {
  if (set.length === 0) return sql`count(*)`;
  if (set.every((filter) => filter.name === 'completed'))
    return sql`count(*) filter (where ${and(...set.map((filter) => filter.condition))})`;
  return sql`(select count(*) from ${tasks} where ${matching})`;
}

/**
 * One page, the total of the tasks that match a query and the owner's counts regardless of it
 * (all and pending): one aggregate joined with a lateral page, so one statement, and one round
 * trip instead of two, which on a loaded host is worth more than the query. With no match there
 * is one row whose task columns are null. Plain SQL on purpose: the query builder's
 * nested-subquery mapping cost more CPU per request than the whole round trip.
 */
export function taskPageQuery(query: TaskQuery): TaskPageQuery {
  const set = filters(query);
  return {
    shape: [query.sort, query.order, ...set.map((filter) => filter.name)].join(' '),
    from(owner) {
      const owned = sql`${tasks.userId} = ${owner}`;
      const matching = and(owned, ...set.map((filter) => filter.condition));
      return sql`lateral (
          select ${totalOf(set, matching)}::int as total, count(*)::int as all_count,
            count(*) filter (where not ${tasks.completed})::int as pending_count
          from ${tasks} where ${owned}
        ) as counted
        left join lateral (
          select * from ${tasks} where ${matching}
          order by ${sql.join(orderBy(query), sql`, `)}
          limit ${sql.placeholder('limit')} offset ${sql.placeholder('offset')}
        ) as page on true`;
    },
    values: {
      ...Object.fromEntries(set.map((filter) => [filter.name, filter.value])),
      limit: query.limit,
      offset: query.offset,
    },
  };
}

export function toTaskPage(rows: TaskPageRow[]): Pick<TaskPage, 'items' | 'total' | 'counts'> {
  const first = rows[0];
  const all = first?.allCount ?? 0;
  const pending = first?.pendingCount ?? 0;
  return {
    items: rows.flatMap(({ id, ...task }) => (id === null ? [] : [toTask({ id, ...task })])),
    total: first?.total ?? 0,
    counts: { all, pending, completed: all - pending },
  };
}

/** The columns tasks and the trash share, to move a row between them whole. */
const taskColumnNames = sql.join(
  Object.values(getTableColumns(tasks)).map((column) => sql.identifier(column.name)),
  sql`, `,
);

/** A task row as `toTask` reads it, from a statement that returns the table's own columns. */
const taskFieldsAs = sql`id, title, description, completed, priority, tags,
  due_date as "dueDate", created_at as "createdAt", updated_at as "updatedAt"`;

/**
 * Trash rows young enough to restore: the one definition of the window. Older ones are purged by
 * the scheduled sweep (`removeExpiredTrash`) and by their user's next delete.
 */
const restorable = sql`${deletedTasks.deletedAt} > now() - make_interval(secs => ${TASK_RESTORE_WINDOW_SECONDS})`;

/**
 * Deletes every user's trash rows that can no longer be restored (the scheduled sweep), so a user
 * who never deletes again does not keep their deleted tasks' contents; returns how many.
 */
export async function removeExpiredTrash(db: Db): Promise<number> {
  const removed = await db
    .delete(deletedTasks)
    .where(not(restorable))
    .returning({ id: deletedTasks.id });
  return removed.length;
}

/**
 * Tasks of one user. Every statement goes through `owned`/`mine` (`inTrash` for the trash), so no
 * method can touch another user's rows: their ids simply are not found.
 */
export function tasksRepository(db: Db, userId: string) {
  const mine = eq(tasks.userId, userId);
  const owned = (id: string) => and(mine, eq(tasks.id, id));
  const inTrash = eq(deletedTasks.userId, userId);
  const now = sql`now()`;

  return {
    async findById(id: string): Promise<Task | undefined> {
      const [row] = await db.select().from(tasks).where(owned(id)).limit(1);
      return row && toTask(row);
    },

    async create(fields: TaskFields): Promise<Task> {
      const [row] = await db
        .insert(tasks)
        .values({ ...TASK_DEFAULTS, ...fields, userId })
        .returning();
      return toTask(row as TaskRow);
    },

    /** PUT: every field not given goes back to its default. */
    async replace(id: string, fields: TaskFields): Promise<Task | undefined> {
      return this.update(id, { ...TASK_DEFAULTS, ...fields });
    },

    async update(id: string, patch: Partial<TaskFields>): Promise<Task | undefined> {
      const [row] = await db
        .update(tasks)
        .set({ ...patch, updatedAt: now })
        .where(owned(id))
        .returning();
      return row && toTask(row);
    },

    async toggleCompleted(id: string): Promise<Task | undefined> {
      const [row] = await db
        .update(tasks)
        .set({ completed: not(tasks.completed), updatedAt: now })
        .where(owned(id))
        .returning();
      return row && toTask(row);
    },

    /**
     * Moves the task to the trash, where it can be restored for TASK_RESTORE_WINDOW_SECONDS, and
     * purges this user's trash of what is older (the sweep does it for everyone between deletes):
     * one statement.
     */
    async remove(id: string): Promise<boolean> {
      const { rows } = (await db.execute(sql`
        with moved as (delete from ${tasks} where ${owned(id)} returning *),
        purged as (delete from ${deletedTasks} where ${inTrash} and not ${restorable})
        insert into ${deletedTasks} (${taskColumnNames})
        select ${taskColumnNames} from moved
        returning id`)) as unknown as { rows: unknown[] };
      return rows.length > 0;
    },

    /** Moves a task this user deleted within the window back, unchanged: one statement. */
    async restore(id: string): Promise<Task | undefined> {
      const { rows } = (await db.execute(sql`
        with restored as (
          delete from ${deletedTasks}
          where ${inTrash} and ${deletedTasks.id} = ${id} and ${restorable}
          returning *
        )
        insert into ${tasks} (${taskColumnNames})
        select ${taskColumnNames} from restored
        returning ${taskFieldsAs}`)) as unknown as { rows: Omit<TaskRow, 'userId'>[] };
      const [row] = rows;
      return row && toTask(row);
    },
  };
}

export type TasksRepository = ReturnType<typeof tasksRepository>;
