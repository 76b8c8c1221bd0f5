import { problemSchema } from '@todo/api-contracts';
import { PROBLEM_CONTENT_TYPE } from '../../plugins/problem';

/** An error response as the OpenAPI document shows it: problem details, with its own media type. */
const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

/**
 * Error responses shared by the routes, so the OpenAPI document lists each one with its shape.
 * The ones a route gives because of what it is (400, 401, 413, 414, 415, 429, 503) are added to every
 * route concerned by plugins/openapi-shared-responses.ts; a route lists only its own (403, 404, 409).
 */
export const problems = {
  400: problem(
    'Invalid input: malformed JSON, or fields or query parameters that break the rules of this document; `errors` names each one',
  ),
  401: problem('No valid session'),
  403: problem('Signed in, but the password given is wrong'),
  404: problem('No such resource (also for resources of other users)'),
  409: problem('Conflict with existing data'),
  413: problem('Body larger than 64 KiB'),
  414: problem('A path parameter is longer than 100 characters'),
  415: problem('Body is not application/json'),
  429: problem('Too many attempts; see the Retry-After header'),
  503: problem('The database is unavailable; try again after Retry-After seconds'),
} as const;

/** Redundant with openapi-shared-responses.ts, which adds these to every body-reading route. */
export const withBodyErrors = {
  400: problems[400],
  413: problems[413],
  415: problems[415],
} as const;

/** Routes that need a session accept the cookie or a bearer token. */
export const sessionSecurity: { [scheme: string]: string[] }[] = [
  { sessionCookie: [] },
  { bearerToken: [] },
];
