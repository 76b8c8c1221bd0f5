import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemOf, sendProblem } from '../plugins/problem';

/** Headers every answer carries, including the ones written before Fastify routes a request. */
export function commonHeaders(requestId: string): Record<string, string> {
  return {
    'x-request-id': requestId,
    'x-content-type-options': 'nosniff',
  };
}

const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL contains a malformed percent-escape',
  FST_ERR_MAX_PARAM_LENGTH: 'A path segment of the URL is too long',
};

/**
 * Errors Fastify raises while routing, before any hook runs (a malformed `%` escape, an over-long
 * path parameter): answered as problems like every other error.
 */
export function onFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.headers({ ...commonHeaders(String(request.id)), 'cache-control': 'no-store' });
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  sendProblem(request, reply, status, FRAMEWORK_DETAILS[error.code] ?? error.message);
}

interface ParserError extends Error {
  code?: string;
  rawPacket?: unknown;
}

function clientErrorStatus(code: string | undefined): [number, string] {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return [431, 'The request line or headers are larger than the server accepts (16 KiB)'];
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'The request was not received in time'];
  return [400, 'The request is not valid HTTP/1.1'];
}

/** The request path, when the parser got far enough to see a short one. */
function pathOf(rawPacket: unknown): string {
  const line = Buffer.isBuffer(rawPacket) ? rawPacket.subarray(0, 300).toString('latin1') : '';
  return /^[A-Z]+ (\/[^?\s]{0,200})[?\s]/.exec(line)?.[1] ?? '';
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers or URL over the limit,
 * malformed HTTP, a request that never finished), written straight to the socket as a problem.
 */
export function onClientError(this: FastifyInstance, error: ParserError, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = clientErrorStatus(error.code);
  const requestId = randomUUID();
  const body = JSON.stringify(problemOf(status, detail, pathOf(error.rawPacket), requestId));
  this.log.debug({ err: error, requestId }, 'malformed request');
  if (socket.writable) {
    const headers = {
      'content-type': PROBLEM_CONTENT_TYPE,
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      connection: 'close',
      ...commonHeaders(requestId),
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
  }
  socket.destroy(error);
}
