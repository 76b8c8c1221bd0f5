import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import type { FieldError } from '@todo/api-contracts';
import { sendProblem } from './problem';

type Location = FieldError['location'];

// Connection-level failures (refused, reset, server shutting down or starting, pool timeout).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect/;

/** True when the database could not be reached, as opposed to a query that was wrong. */
function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let cause = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
    cause;
    cause = cause.cause as typeof cause
  ) {
    if (
      UNAVAILABLE_CODES.has(String(cause.code)) ||
      UNAVAILABLE_MESSAGES.test(String(cause.message))
    )
      return true;
  }
  return false;
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
