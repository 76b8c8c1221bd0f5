import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordSchema, deleteAccountSchema } from '@todo/api-contracts';
import { hashPassword } from '../../lib/password';
import { clearSessionCookie, signedInToken, signedInUser } from '../../plugins/auth';
import { sendProblem } from '../../plugins/problem';
import { sendLockedOut } from '../../plugins/sign-in-throttling';
import { accountsRepository } from '../../repositories/accounts';
import { usersRepository } from '../../repositories/users';
import { problems, sessionSecurity, withBodyErrors } from './responses';

/** The signed-in user's own account: password, sign out everywhere, deletion (under /api/auth). */
const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const users = usersRepository(app.database.db);
  const accounts = accountsRepository(app.database.db);
  const security = sessionSecurity;
  // A password check draws from the same per-client budget as signing in.
  const checksPassword = [app.authenticate, app.credentialRateLimit];
  const passwordErrors = {
    ...withBodyErrors,
    401: problems[401],
    403: problems[403],
    429: problems[429],
  };

  /**
   * Checks the signed-in user's password under the same lockout as signing in; when it is not
   * right, sends the refusal (429 while locked, 403 with `wrongDetail`) and returns true. (A
   * boolean, not the reply: a reply is thenable, so awaiting it would not hand it back.)
   */
  async function refusePassword(
    request: FastifyRequest,
    reply: FastifyReply,
    password: string,
    wrongDetail: string,
  ): Promise<boolean> {
    const { email } = signedInUser(request);
    const row = await users.findByEmail(email);
    const check = await app.checkPassword(email, password, row?.passwordHash);
    if (check.outcome === 'locked') sendLockedOut(request, reply, check.retryAfterSeconds);
    else if (check.outcome === 'wrong') sendProblem(request, reply, 403, wrongDetail);
    return check.outcome !== 'correct';
  }

  app.post(
    '/password',
    {
      onRequest: checksPassword,
      schema: {
        tags: ['auth'],
        summary: 'Change your password; ends every other session and token of yours',
        security,
        body: changePasswordSchema,
        response: { 204: z.undefined().describe('Password changed'), ...passwordErrors },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      if (await refusePassword(request, reply, currentPassword, 'Current password is incorrect'))
        return reply;
      await accounts.changePassword(
        signedInUser(request).id,
        await hashPassword(newPassword),
        signedInToken(request),
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/logout-everywhere',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere: ends all your sessions and bearer tokens',
        security,
        response: { 204: z.undefined().describe('Signed out everywhere'), 401: problems[401] },
      },
    },
    async (request, reply) => {
      await app.sessions.revokeAllOf(signedInUser(request).id);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/account',
    {
      onRequest: checksPassword,
      schema: {
        tags: ['auth'],
        summary: 'Delete your account with all its tasks and sessions',
        security,
        body: deleteAccountSchema,
        response: { 204: z.undefined().describe('Account deleted'), ...passwordErrors },
      },
    },
    async (request, reply) => {
      if (await refusePassword(request, reply, request.body.password, 'Password is incorrect'))
        return reply;
      const user = signedInUser(request);
      await accounts.remove(user.id, user.email);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );
};

export default accountRoutes;
