import { index, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { taskColumns } from './tasks';

/**
 * The trash: deleted tasks, kept whole so they can be restored (undo) within
 * TASK_RESTORE_WINDOW_SECONDS; older ones are deleted by the scheduled sweep (every
 * SESSION_SWEEP_INTERVAL) or the user's next delete, whichever comes first. A table of its own, so
 * no query of `tasks` needs to skip deleted rows. The user's foreign key cascades like the
 * tasks' own: deleting an account empties its trash too.
 */
export const deletedTasks = pgTable(
  'deleted_tasks',
  {
    ...taskColumns,
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  // Restore finds a row by id (the primary key); a delete purges that user's oldest rows. The
  // sweep reads the whole table, which holds one restore window and one sweep interval of deletes
  // at most: too little to be worth an index on deleted_at alone.
  (table) => [index('deleted_tasks_user_deleted_idx').on(table.userId, table.deletedAt)],
);
