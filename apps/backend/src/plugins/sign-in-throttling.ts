import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { dummyPasswordHash, verifyPassword } from '../lib/password';
import {
  signInFailuresRepository,
  type SignInFailuresRepository,
} from '../repositories/sign-in-failures';
import { sendProblem } from './problem';

export type PasswordCheck =
  | { outcome: 'correct' }
  | { outcome: 'wrong' }
  | { outcome: 'locked'; retryAfterSeconds: number };

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * onRequest hook of every route that checks or sets a password: they all draw from one
     * budget per client address, so guesses cannot be spread over several routes.
     */
    credentialRateLimit(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    signInFailures: SignInFailuresRepository;
    /**
     * Checks a password against a stored hash (undefined: no such account) under the per-account
     * lockout: refused unchecked while the email is locked, counted when wrong, cleared when right.
     */
    checkPassword(
      email: string,
      password: string,
      passwordHash: string | undefined,
    ): Promise<PasswordCheck>;
  }
}

/** The answer while an email is locked; says when to come back, not whether the account exists. */
export function sendLockedOut(
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfterSeconds: number,
): FastifyReply {
  reply.header('retry-after', String(retryAfterSeconds));
  return sendProblem(
    request,
    reply,
    429,
    `Too many failed sign-ins for this email; try again in ${retryAfterSeconds} s`,
  );
}

/** Per-client budget and per-account lockout for credential checks (see specs/api.md). */
export default fp(
  async function signInThrottling(app: FastifyInstance, { config }: { config: Config }) {
    // One handler, hence one store, shared by every credential route. (A `groupId` would not do:
    // the plugin gives each route its own in-memory store.) The key is the default one,
    // request.ip, with IPv6 addresses grouped by /64.
    app.decorate(
      'credentialRateLimit',
      app.rateLimit({
        max: config.AUTH_RATE_LIMIT_MAX,
        timeWindow: config.AUTH_RATE_LIMIT_WINDOW * 1000,
      }) as unknown as FastifyInstance['credentialRateLimit'],
    );

    const failures = signInFailuresRepository(app.database.db, {
      failures: config.SIGN_IN_LOCKOUT_FAILURES,
      windowSeconds: config.SIGN_IN_LOCKOUT_WINDOW,
      lockoutSeconds: config.SIGN_IN_LOCKOUT_DURATION,
    });
    app.decorate('signInFailures', failures);

    app.decorate(
      'checkPassword',
      async (email: string, password: string, passwordHash: string | undefined) => {
        const status = await failures.status(email);
        if (status.lockedForSeconds > 0)
          return { outcome: 'locked', retryAfterSeconds: status.lockedForSeconds } as const;
        // Unknown emails cost a hash check and a counted failure too: the same time, the same
        // lockout, so neither reveals who has an account.
        const matches = await verifyPassword(password, passwordHash ?? (await dummyPasswordHash()));
        if (matches && passwordHash !== undefined) {
          if (status.recorded) await failures.clear(email);
          return { outcome: 'correct' } as const;
        }
        await failures.recordFailure(email);
        return { outcome: 'wrong' } as const;
      },
    );
  },
  { name: 'sign-in-throttling', dependencies: ['database', '@fastify/rate-limit'] },
);
