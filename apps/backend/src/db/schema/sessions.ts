import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sessionKinds } from '@todo/api-contracts';
import { users } from './users';

/** How a session was handed out: a browser cookie (login, register) or a bearer token. */
export const sessionKind = pgEnum('session_kind', sessionKinds);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the token: a leaked table cannot be replayed as cookies. */
    tokenHash: text('token_hash').primaryKey(),
    /** What the owner sees and revokes a session by; it proves nothing, unlike the token. */
    id: uuid('id').notNull().unique().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Sessions from before this column existed are listed as cookies.
    kind: sessionKind('kind').notNull().default('cookie'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (table) => [
    index('sessions_user_id_idx').on(table.userId),
    // The scheduled sweep deletes by expiry.
    index('sessions_expires_at_idx').on(table.expiresAt),
  ],
);
