import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError, Problem } from '@todo/api-contracts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one challenge the API issues: a session cookie or this bearer token (RFC 6750). */
export const AUTHENTICATE_CHALLENGE = 'Bearer realm="todo"';

/** An RFC 9457 problem body: the one error shape of the whole API. */
export function problemOf(
  status: number,
  detail: string,
  instance: string,
  requestId: string,
  errors?: FieldError[],
): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
    requestId,
    ...(errors ? { errors } : {}),
  };
}

/** Sends a problem as the answer to a request; a 401 carries the challenge RFC 9110 requires. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  const instance = request.url.split('?')[0] ?? request.url;
  if (status === 401) reply.header('www-authenticate', AUTHENTICATE_CHALLENGE);
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer(JSON.stringify)
    .send(problemOf(status, detail, instance, String(request.id), errors));
}
