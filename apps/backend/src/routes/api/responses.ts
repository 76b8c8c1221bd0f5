import { problemSchema } from '@todo/api-contracts';
import { PROBLEM_CONTENT_TYPE } from '../../plugins/problem';

/** An error response as the OpenAPI document shows it: problem details, with its own media type. */
const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

/** Error responses shared by the routes, so the OpenAPI document lists each one with its shape. */
export const problems = {
  400: problem('Invalid input; `errors` names each field at fault'),
  401: problem('No valid session'),
  404: problem('No such resource (also for resources of other users)'),
  409: problem('Conflict with existing data'),
  413: problem('Body larger than 64 KiB'),
  415: problem('Body is not application/json'),
  429: problem('Too many attempts; see the Retry-After header'),
} as const;

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
