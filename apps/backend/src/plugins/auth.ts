import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { User } from '@todo/api-contracts';
import { sessionsRepository } from '../repositories/sessions';
import { sendProblem } from './problem';

export const SESSION_COOKIE = 'todo_session';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook that answers 401 unless the request carries a live session. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    sessions: ReturnType<typeof sessionsRepository>;
  }
  interface FastifyRequest {
    user: User | null;
  }
}

/** The session token from `Authorization: Bearer …` (API clients) or the session cookie (browsers). */
export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return request.cookies[SESSION_COOKIE] || undefined;
}

/** The user of a request that passed `authenticate`; calling it elsewhere is a programming error. */
export function signedInUser(request: FastifyRequest): User {
  if (!request.user) throw new Error(`${request.routeOptions.url} is not behind authenticate`);
  return request.user;
}

export default fp(
  async function auth(app: FastifyInstance) {
    app.decorate('sessions', sessionsRepository(app.database.db));
    app.decorateRequest('user', null);
    app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = sessionToken(request);
      // Tokens are base64url of 32 bytes; anything else cannot be a session.
      const user = token && token.length <= 64 ? await app.sessions.findUser(token) : undefined;
      if (!user) return void sendProblem(request, reply, 401, 'Sign in to continue');
      request.user = user;
    });
  },
  { name: 'auth', dependencies: ['database', '@fastify/cookie'] },
);
