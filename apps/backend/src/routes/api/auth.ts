import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  credentialsSchema,
  signInSchema,
  currentUserSchema,
  sessionSchema,
  tokenSessionSchema,
  type User,
} from '@todo/api-contracts';
import type { Config } from '../../config';
import { hashPassword } from '../../lib/password';
import {
  clearSessionCookie,
  presentedTokens,
  SESSION_COOKIE,
  signedInUser,
} from '../../plugins/auth';
import { sendProblem } from '../../plugins/problem';
import { sendLockedOut, type PasswordCheck } from '../../plugins/sign-in-throttling';
import { toUser, usersRepository } from '../../repositories/users';
import { problems, sessionSecurity, withBodyErrors } from './responses';

const INVALID_CREDENTIALS = 'Email or password is incorrect';

const authRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const users = usersRepository(app.database.db);

  /** Issues a session and hands its token to the browser only as an httpOnly cookie. */
  async function startSession(reply: FastifyReply, user: User) {
    const session = await app.sessions.issue(user.id, config.SESSION_TTL, 'cookie');
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      maxAge: config.SESSION_TTL,
    });
    return { user, expiresAt: session.expiresAt };
  }

  /** Signs in by email and password, under the per-account lockout. */
  async function checkCredentials(
    email: string,
    password: string,
  ): Promise<PasswordCheck & { user?: User }> {
    const row = await users.findByEmail(email);
    const check = await app.checkPassword(email, password, row?.passwordHash);
    return check.outcome === 'correct' && row ? { ...check, user: toUser(row) } : check;
  }

  app.post(
    '/register',
    {
      onRequest: app.credentialRateLimit,
      schema: {
        tags: ['auth'],
        summary: 'Create an account and sign in (sets the session cookie)',
        body: credentialsSchema,
        response: { 201: sessionSchema, ...withBodyErrors, 409: problems[409], 429: problems[429] },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const user = await users.create(email, await hashPassword(password));
      if (!user)
        return sendProblem(request, reply, 409, 'An account with this email already exists');
      return reply.code(201).send(await startSession(reply, user));
    },
  );

  app.post(
    '/login',
    {
      onRequest: app.credentialRateLimit,
      schema: {
        tags: ['auth'],
        summary: 'Sign in (sets the session cookie)',
        body: signInSchema,
        response: { 200: sessionSchema, ...withBodyErrors, 401: problems[401], 429: problems[429] },
      },
    },
    async (request, reply) => {
      const check = await checkCredentials(request.body.email, request.body.password);
      if (check.outcome === 'locked') return sendLockedOut(request, reply, check.retryAfterSeconds);
      if (!check.user) return sendProblem(request, reply, 401, INVALID_CREDENTIALS);
      return startSession(reply, check.user);
    },
  );

  app.post(
    '/tokens',
    {
      onRequest: app.credentialRateLimit,
      schema: {
        tags: ['auth'],
        summary: 'Get a bearer token for API clients (no cookie is set)',
        body: signInSchema,
        response: {
          201: tokenSessionSchema,
          ...withBodyErrors,
          401: problems[401],
          429: problems[429],
        },
      },
    },
    async (request, reply) => {
      const check = await checkCredentials(request.body.email, request.body.password);
      if (check.outcome === 'locked') return sendLockedOut(request, reply, check.retryAfterSeconds);
      if (!check.user) return sendProblem(request, reply, 401, INVALID_CREDENTIALS);
      const session = await app.sessions.issue(check.user.id, config.SESSION_TTL, 'token');
      return reply.code(201).send({ user: check.user, ...session });
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke the session credentials sent (bearer token and cookie); always succeeds',
        response: { 204: z.undefined().describe('Signed out') },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { bearer, cookie } = presentedTokens(request);
      // Both, when both are sent: the cookie's session must not outlive a "signed out".
      await app.sessions.revoke([bearer, cookie].filter((token): token is string => !!token));
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        security: sessionSecurity,
        response: { 200: currentUserSchema, 401: problems[401] },
      },
    },
    async (request) => ({ user: signedInUser(request) }),
  );
};

export default authRoutes;
