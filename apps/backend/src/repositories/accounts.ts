import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, signInFailures, users } from '../db/schema';
import { hashSessionToken } from '../lib/session-token';

/** Changes that span a user's rows in several tables, each in one transaction. */
export function accountsRepository(db: Db) {
  return {
    /** Sets a new password hash and ends every other session and token of the user. */
    async changePassword(userId: string, passwordHash: string, keepToken: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
        await tx
          .delete(sessions)
          .where(
            and(eq(sessions.userId, userId), ne(sessions.tokenHash, hashSessionToken(keepToken))),
          );
      });
    },

    /** Deletes the user; tasks and sessions go with it (ON DELETE CASCADE), failures by email. */
    async remove(userId: string, email: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(users).where(eq(users.id, userId));
        await tx.delete(signInFailures).where(eq(signInFailures.email, email));
      });
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
