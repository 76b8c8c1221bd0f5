import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed sign-ins per email (lower-cased, as the API normalises it), for the per-account lockout.
 * Kept in the database so every replica counts the same failures. No foreign key: unknown emails
 * are counted exactly like known ones, so the lockout reveals nothing about who has an account.
 */
export const signInFailures = pgTable('sign_in_failures', {
  email: text('email').primaryKey(),
  failures: integer('failures').notNull(),
  /** When the first failure of the current counting window happened. */
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'string' }).notNull(),
  /** Set when the failures reached the threshold: sign-ins for this email are refused until then. */
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
});
