import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { taskPriorities } from '@todo/api-contracts';
import { timestamps } from './columns';
import { users } from './users';

/** Enum order is the sort order: low < medium < high. */
export const taskPriority = pgEnum('task_priority', taskPriorities);

/** A task's columns; the trash (deleted-tasks.ts) holds the same, so a task moves back whole. */
export const taskColumns = {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  description: text('description'),
  completed: boolean('completed').notNull().default(false),
  priority: taskPriority('priority').notNull().default('medium'),
  tags: text('tags')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  dueDate: date('due_date', { mode: 'string' }),
  ...timestamps,
};

export const tasks = pgTable('tasks', taskColumns, (table) => [
  index('tasks_user_created_idx').on(table.userId, table.createdAt),
  index('tasks_user_due_idx').on(table.userId, table.dueDate),
  // Every list request counts the user's tasks and pending ones: the columns are all here.
  index('tasks_user_completed_idx').on(table.userId, table.completed),
  // The API validates first; these keep the table sound even if it is written to directly.
  check('tasks_title_length', sql`char_length(${table.title}) between 1 and 200`),
  check('tasks_description_length', sql`char_length(${table.description}) <= 1000`),
  check('tasks_tags_count', sql`coalesce(array_length(${table.tags}, 1), 0) <= 10`),
]);

export type TaskRow = typeof tasks.$inferSelect;
