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
    /** The token `authenticate` accepted: the session this request is made with. */
    sessionToken: string | null;
  }
}

export interface PresentedTokens {
  /** From `Authorization: Bearer …` (API clients); '' when that header is malformed. */
  bearer?: string;
  /** From the session cookie (browsers). */
  cookie?: string;
}

/**
 * Every session credential a request presents. Only the Bearer scheme counts as one: another
 * `Authorization` header (Basic auth from a protecting proxy) neither is a session nor hides the
 * cookie.
 */
export function presentedTokens(request: FastifyRequest): PresentedTokens {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer(\s|$)/i.test(header)
    ? (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '')
    : undefined;
  return { bearer, cookie: request.cookies[SESSION_COOKIE] || undefined };
}

/**
 * The token a request is made with, or undefined when it presents none that can be a session. A
 * bearer token is explicit: when it is not valid the request is refused rather than served as
 * whoever the cookie belongs to.
 */
export function requestSessionToken(request: FastifyRequest): string | undefined {
  const { bearer, cookie } = presentedTokens(request);
  const token = bearer ?? cookie;
  // Tokens are base64url of 32 bytes; anything else cannot be a session.
  return token && token.length <= 64 ? token : undefined;
}

/** The answer to a request without a live session. */
export function refuseUnauthenticated(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 401, 'Sign in to continue');
}

/** The user of a request that passed `authenticate`; calling it elsewhere is a programming error. */
export function signedInUser(request: FastifyRequest): User {
  if (!request.user) throw new Error(`${request.routeOptions.url} is not behind authenticate`);
  return request.user;
}

/** The token of the session a request that passed `authenticate` was made with. */
export function signedInToken(request: FastifyRequest): string {
  if (!request.sessionToken)
    throw new Error(`${request.routeOptions.url} is not behind authenticate`);
  return request.sessionToken;
}

/** Tells the browser to drop its session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export default fp(
  async function auth(app: FastifyInstance) {
    app.decorate('sessions', sessionsRepository(app.database.db));
    app.decorateRequest('user', null);
    app.decorateRequest('sessionToken', null);
    app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = requestSessionToken(request);
      const user = token ? await app.sessions.findUser(token) : undefined;
      if (!token || !user) return void refuseUnauthenticated(request, reply);
      request.user = user;
      request.sessionToken = token;
    });
  },
  { name: 'auth', dependencies: ['database', '@fastify/cookie'] },
);
