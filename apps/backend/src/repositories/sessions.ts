import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { User } from '@todo/api-contracts';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { hashSessionToken, newSessionToken } from '../lib/session-token';
import { toUser } from './users';

export interface IssuedSession {
  token: string;
  expiresAt: string;
}

export function sessionsRepository(db: Db) {
  // Built and prepared once: every authenticated request runs it, so it is neither rebuilt nor
  // re-planned per request.
  const findUserStatement = db
    .select({ id: users.id, email: users.email, createdAt: users.createdAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql`now()`)),
    )
    .limit(1)
    .prepare('find_session_user');

  return {
    async issue(userId: string, ttlSeconds: number): Promise<IssuedSession> {
      const token = newSessionToken();
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
      await db.insert(sessions).values({ tokenHash: hashSessionToken(token), userId, expiresAt });
      // Housekeeping on sign-in keeps the table from growing with each user's stale sessions.
      await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, new Date().toISOString())));
      return { token, expiresAt };
    },

    /** The signed-in user for a token, or undefined when unknown, revoked or expired. */
    async findUser(token: string): Promise<User | undefined> {
      const [row] = await findUserStatement.execute({ tokenHash: hashSessionToken(token) });
      return row && toUser(row);
    },

    async revoke(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, hashSessionToken(token)));
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
