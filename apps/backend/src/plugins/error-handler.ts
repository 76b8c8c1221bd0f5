import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import type { FieldError } from '@todo/api-contracts';
import { sendProblem } from './problem';

type Location = FieldError['location'];

// "Cannot reach the database", as Node reports it: the name does not resolve (in Kubernetes,
// a deleted pod or a StatefulSet scaled to 0 leaves its Service name unresolvable: ENOTFOUND,
// or EAI_AGAIN while DNS itself struggles), no route, refused, reset, aborted, timed out, or
// the socket closed under a query (EPIPE).
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
]);
// PostgreSQL's own: connection exceptions (class 08), the server shutting down, crashed or
// starting (57P01–57P03), or refusing new connections for now (53300, too many clients).
const SQLSTATE_CODES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
// node-postgres and pg-pool report these with no code: the server went away mid-connection,
// the connect timeout (5 s) expired, no pool slot freed up in time, or the client broke earlier.
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

interface ErrorLink {
  code?: unknown;
  message?: unknown;
  query?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * True when the database could not be reached, as opposed to a query that was wrong. Looks
 * through the whole chain: drizzle wraps the driver's error as DrizzleQueryError's `cause`, and
 * Node reports a connection that failed on every address as an AggregateError.
 */
function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 8) return false;
  const link = error as ErrorLink;
  const code = String(link.code);
  if (NETWORK_CODES.has(code) || SQLSTATE_CODES.has(code)) return true;
  // A failed query's own message holds its SQL text and parameters (user data): never match it.
  if (link.query === undefined && DRIVER_MESSAGES.test(String(link.message))) return true;
  const inner = Array.isArray(link.errors) ? link.errors : [];
  return [link.cause, ...inner].some((next) => isDatabaseUnavailable(next, depth + 1));
}

/** One entry per field at fault; unknown fields are named one by one. */
function fieldErrors(location: Location, issues: FastifySchemaValidationError[]): FieldError[] {
  return issues.flatMap((issue) => {
    const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const unknownKeys = (issue.params as { keys?: unknown }).keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(unknownKeys)) {
      return unknownKeys.map((key) => ({
        location,
        field: field ? `${field}.${String(key)}` : String(key),
        message: 'Unknown field',
      }));
    }
    return [{ location, field, message: issue.message ?? 'Invalid value' }];
  });
}

/** Fastify's own client-error codes, re-worded for people. */
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, detail: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    detail: 'The request body is empty; send a JSON object or omit the content-type header',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, detail: 'The request body is larger than 64 KiB' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    detail: 'Send the request body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    detail: 'The content-length header does not match the body',
  },
};

export default fp(
  async function errorHandler(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.validation) {
        const location = (error.validationContext ?? 'body') as Location;
        const errors = fieldErrors(location, error.validation);
        const fields = [...new Set(errors.map((item) => item.field || location))].join(', ');
        return sendProblem(request, reply, 400, `Invalid ${location}: ${fields}`, errors);
      }
      const known = error.code ? CLIENT_ERRORS[error.code] : undefined;
      if (known) return sendProblem(request, reply, known.status, known.detail);
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return sendProblem(request, reply, error.statusCode, error.message);
      }
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        reply.header('retry-after', '5');
        return sendProblem(request, reply, 503, 'The database is unavailable; try again shortly');
      }
      // Anything else is our fault: log it in full, tell the client nothing internal.
      request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, 500, 'Something went wrong on our side; try again later');
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        request,
        reply,
        404,
        `No route for ${request.method} ${request.url.split('?')[0]}`,
      ),
    );
  },
  { name: 'error-handler' },
);
