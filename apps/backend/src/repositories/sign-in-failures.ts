import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInFailures } from '../db/schema';

/** The per-account lockout rule; see "Sign-in throttling" in specs/api.md. */
export interface LockoutPolicy {
  /** Failures within the window that lock the email; at least 3 (the config enforces it). */
  failures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

export interface FailureStatus {
  /** Seconds until sign-ins for the email are accepted again; 0 when it is not locked. */
  lockedForSeconds: number;
  /** Whether any failure is on record (a successful sign-in then clears it). */
  recorded: boolean;
}

/** Failed sign-ins counted per email in PostgreSQL, so every replica enforces the same lockout. */
export function signInFailuresRepository(db: Db, policy: LockoutPolicy) {
  const window = sql`make_interval(secs => ${policy.windowSeconds})`;
  const lockout = sql`make_interval(secs => ${policy.lockoutSeconds})`;
  const table = signInFailures;

  return {
    async status(email: string): Promise<FailureStatus> {
      const [row] = await db
        .select({
          lockedForSeconds: sql<number>`coalesce(ceil(extract(epoch from ${table.lockedUntil} - now())), 0)::int`,
        })
        .from(table)
        .where(eq(table.email, email))
        .limit(1);
      return { lockedForSeconds: Math.max(0, row?.lockedForSeconds ?? 0), recorded: !!row };
    },

    /**
     * Counts one failure in a single atomic statement. A finished lockout or an expired window
     * starts a fresh count; the failure that reaches the threshold locks the email. While the email
     * is locked nothing changes (callers do not get this far then, except in a race), so failed
     * attempts can never make a lockout longer.
     */
    async recordFailure(email: string): Promise<void> {
      const fresh = sql`(existing.locked_until is not null or existing.window_started_at <= now() - ${window})`;
      await db.execute(sql`
        insert into ${table} as existing (email, failures, window_started_at, locked_until)
        values (${email}, 1, now(), null)
        on conflict (email) do update set
          failures = case when ${fresh} then 1 else existing.failures + 1 end,
          window_started_at = case when ${fresh} then now() else existing.window_started_at end,
          locked_until = case when not ${fresh} and existing.failures + 1 >= ${policy.failures}
            then now() + ${lockout} end
        where existing.locked_until is null or existing.locked_until <= now()`);
    },

    /** Forgets the failures of an email: after a successful sign-in, or when its account is deleted. */
    async clear(email: string): Promise<void> {
      await db.delete(table).where(eq(table.email, email));
    },

    /** Deletes rows that no longer matter: ended lockouts and expired windows (the sweep). */
    async removeStale(): Promise<number> {
      const removed = await db
        .delete(table)
        .where(sql`coalesce(${table.lockedUntil}, ${table.windowStartedAt} + ${window}) <= now()`)
        .returning({ email: table.email });
      return removed.length;
    },
  };
}

export type SignInFailuresRepository = ReturnType<typeof signInFailuresRepository>;
