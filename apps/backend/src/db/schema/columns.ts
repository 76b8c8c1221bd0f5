import { timestamp } from 'drizzle-orm/pg-core';

/** Timestamps stay strings from the driver: building Date objects per row is measurably slow. */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
};
