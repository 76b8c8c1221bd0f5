import { eq } from 'drizzle-orm';
import type { User } from '@todo/api-contracts';
import type { Db } from '../db/client';
import { users, type UserRow } from '../db/schema';
import { toIsoTimestamp } from '../lib/timestamp';

export function toUser(row: Pick<UserRow, 'id' | 'email' | 'createdAt'>): User {
  return { id: row.id, email: row.email, createdAt: toIsoTimestamp(row.createdAt) };
}

export function usersRepository(db: Db) {
  return {
    /** Undefined when the email is taken (the unique index decides, so concurrent sign-ups are safe). */
    async create(email: string, passwordHash: string): Promise<User | undefined> {
      const [row] = await db
        .insert(users)
        .values({ email, passwordHash })
        .onConflictDoNothing({ target: users.email })
        .returning();
      return row && toUser(row);
    },

    async findByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
      return row;
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
