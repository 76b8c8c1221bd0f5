import type { FastifyRequest } from 'fastify';
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

  /** The signed-in user's password, checked under the same lockout as signing in. */
  async function checkOwnPassword(request: FastifyRequest, password: string) {
    const { email } = signedInUser(request);
    const row = await users.findByEmail(email);
    return app.checkPassword(email, password, row?.passwordHash);
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
      const check = await checkOwnPassword(request, currentPassword);
      if (check.outcome === 'locked') return sendLockedOut(request, reply, check.retryAfterSeconds);
      if (check.outcome === 'wrong')
        return sendProblem(request, reply, 403, 'Current password is incorrect');
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
      const check = await checkOwnPassword(request, request.body.password);
      if (check.outcome === 'locked') return sendLockedOut(request, reply, check.retryAfterSeconds);
      if (check.outcome === 'wrong')
        return sendProblem(request, reply, 403, 'Password is incorrect');
      const user = signedInUser(request);
      await accounts.remove(user.id, user.email);
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );
};

export default accountRoutes;
