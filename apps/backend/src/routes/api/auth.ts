import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  credentialsSchema,
  currentUserSchema,
  sessionSchema,
  tokenSessionSchema,
  type User,
} from '@todo/api-contracts';
import type { Config } from '../../config';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/password';
import { SESSION_COOKIE, sessionToken, signedInUser } from '../../plugins/auth';
import { sendProblem } from '../../plugins/problem';
import { toUser, usersRepository } from '../../repositories/users';
import { problems, sessionSecurity, withBodyErrors } from './responses';

const INVALID_CREDENTIALS = 'Email or password is incorrect';

const authRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const users = usersRepository(app.database.db);
  const rateLimit = {
    max: config.AUTH_RATE_LIMIT_MAX,
    timeWindow: config.AUTH_RATE_LIMIT_WINDOW * 1000,
  };

  /** Issues a session and hands its token to the browser only as an httpOnly cookie. */
  async function startSession(reply: FastifyReply, user: User) {
    const session = await app.sessions.issue(user.id, config.SESSION_TTL);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      maxAge: config.SESSION_TTL,
    });
    return { user, expiresAt: session.expiresAt };
  }

  /** The user whose password matches, or undefined; as slow for unknown emails as for known ones. */
  async function checkCredentials(email: string, password: string): Promise<User | undefined> {
    const row = await users.findByEmail(email);
    const matches = await verifyPassword(
      password,
      row?.passwordHash ?? (await dummyPasswordHash()),
    );
    return row && matches ? toUser(row) : undefined;
  }

  app.post(
    '/register',
    {
      config: { rateLimit },
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
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in (sets the session cookie)',
        body: credentialsSchema,
        response: { 200: sessionSchema, ...withBodyErrors, 401: problems[401], 429: problems[429] },
      },
    },
    async (request, reply) => {
      const user = await checkCredentials(request.body.email, request.body.password);
      if (!user) return sendProblem(request, reply, 401, INVALID_CREDENTIALS);
      return startSession(reply, user);
    },
  );

  app.post(
    '/tokens',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Get a bearer token for API clients (no cookie is set)',
        body: credentialsSchema,
        response: {
          201: tokenSessionSchema,
          ...withBodyErrors,
          401: problems[401],
          429: problems[429],
        },
      },
    },
    async (request, reply) => {
      const user = await checkCredentials(request.body.email, request.body.password);
      if (!user) return sendProblem(request, reply, 401, INVALID_CREDENTIALS);
      const session = await app.sessions.issue(user.id, config.SESSION_TTL);
      return reply.code(201).send({ user, ...session });
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke the current session (cookie or bearer token); always succeeds',
        response: { 204: z.undefined().describe('Signed out') },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const token = sessionToken(request);
      if (token) await app.sessions.revoke(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
