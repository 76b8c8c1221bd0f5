import { and, asc, desc, eq, gt, inArray, lte, sql, type Placeholder } from 'drizzle-orm';
import type { ActiveSession, User } from '@todo/api-contracts';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { hashSessionToken, newSessionToken } from '../lib/session-token';
import { toIsoTimestamp } from '../lib/timestamp';
import { toUser } from './users';

export type SessionKind = ActiveSession['kind'];

export interface IssuedSession {
  token: string;
  expiresAt: string;
}

/**
 * The user of a live session (known, not revoked, not expired), as a query: the one definition of
 * a valid session, for `findUser` and for the statement that checks the session as it reads the
 * task list (session-task-page.ts).
 */
export function liveSessionUser(db: Db, tokenHash: string | Placeholder) {
  return db
    .select({ id: users.id, email: users.email, createdAt: users.createdAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
}

export function sessionsRepository(db: Db) {
  // Built and prepared once: every authenticated request runs it, so it is neither rebuilt nor
  // re-planned per request.
  const findUserStatement = liveSessionUser(db, sql.placeholder('tokenHash')).prepare(
    'find_session_user',
  );

  return {
    async issue(userId: string, ttlSeconds: number, kind: SessionKind): Promise<IssuedSession> {
      const token = newSessionToken();
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
      await db
        .insert(sessions)
        .values({ tokenHash: hashSessionToken(token), userId, kind, expiresAt });
      return { token, expiresAt };
    },

    /** The signed-in user for a token, or undefined when unknown, revoked or expired. */
    async findUser(token: string): Promise<User | undefined> {
      const [row] = await findUserStatement.execute({ tokenHash: hashSessionToken(token) });
      return row && toUser(row);
    },

    /** Revokes every given token (a request may present a bearer token and a cookie). */
    async revoke(tokens: string[]): Promise<void> {
      if (tokens.length === 0) return;
      await db.delete(sessions).where(inArray(sessions.tokenHash, tokens.map(hashSessionToken)));
    },

    /** A user's live sessions, newest first; `current` marks the one `currentToken` belongs to. */
    async listOf(userId: string, currentToken: string): Promise<ActiveSession[]> {
      const rows = await db
        .select({
          id: sessions.id,
          kind: sessions.kind,
          createdAt: sessions.createdAt,
          expiresAt: sessions.expiresAt,
          current: sql<boolean>`${sessions.tokenHash} = ${hashSessionToken(currentToken)}`,
        })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
        .orderBy(desc(sessions.createdAt), asc(sessions.id));
      return rows.map((row) => ({
        ...row,
        createdAt: toIsoTimestamp(row.createdAt),
        expiresAt: toIsoTimestamp(row.expiresAt),
      }));
    },

    /** Ends one of a user's sessions by its id; undefined when the user has no such session. */
    async revokeById(
      userId: string,
      id: string,
      currentToken: string,
    ): Promise<{ wasCurrent: boolean } | undefined> {
      const [row] = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), eq(sessions.id, id)))
        .returning({ tokenHash: sessions.tokenHash });
      return row && { wasCurrent: row.tokenHash === hashSessionToken(currentToken) };
    },

    /** Ends every session and token of a user ("sign out everywhere"). */
    async revokeAllOf(userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },

    /** Deletes expired sessions (the scheduled sweep); returns how many. */
    async removeExpired(): Promise<number> {
      const removed = await db
        .delete(sessions)
        .where(lte(sessions.expiresAt, sql`now()`))
        .returning({ tokenHash: sessions.tokenHash });
      return removed.length;
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
