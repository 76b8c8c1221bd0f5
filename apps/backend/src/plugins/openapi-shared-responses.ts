import type { FastifySchema, HTTPMethods } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { problems } from '../routes/api/responses';
import { AUTHENTICATE_CHALLENGE, PROBLEM_CONTENT_TYPE } from './problem';

/** What a route is, as far as the errors it can answer with go. */
export interface RouteFacts {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  schema: FastifySchema;
  /** One of its hooks limits how often a client may call it. */
  rateLimited: boolean;
}

/** Fastify reads a body for every method but these: any other may be sent malformed JSON. */
const METHODS_WITHOUT_BODY = new Set<string>(['GET', 'HEAD']);

/**
 * The error answers a route gives because of what it is rather than what it does: reading a body
 * (400 malformed JSON, 413, 415), validating input (400), a path parameter (414 past Fastify's
 * 100 characters), needing a session (401, from its `security`), a rate limit (429), and the
 * database behind every /api route (503). Merged under the route's own entries, which win, so a
 * new route is documented right without listing them.
 */
export function sharedResponses({ method, url, schema, rateLimited }: RouteFacts) {
  const readsBody = [method].flat().some((name) => !METHODS_WITHOUT_BODY.has(name));
  const validates = Boolean(schema.body || schema.querystring || schema.params);
  return {
    ...(readsBody || validates ? { 400: problems[400] } : {}),
    ...(schema.security?.length ? { 401: problems[401] } : {}),
    ...(readsBody ? { 413: problems[413], 415: problems[415] } : {}),
    ...(url.includes('/:') ? { 414: problems[414] } : {}),
    ...(rateLimited ? { 429: problems[429] } : {}),
    ...(url.startsWith('/api/') ? { 503: problems[503] } : {}),
  };
}

/** Headers that come with problems, each sent with every problem of the statuses listed. */
const PROBLEM_HEADERS: Record<string, { statuses: string[]; header: OpenAPIV3_1.HeaderObject }> = {
  'Retry-After': {
    statuses: ['429', '503'],
    header: {
      description: 'Seconds to wait before trying again',
      required: true,
      schema: { type: 'integer', minimum: 0 },
    },
  },
  'WWW-Authenticate': {
    statuses: ['401'],
    header: {
      description: 'The challenge for API clients (browsers sign in for the session cookie)',
      required: true,
      schema: { type: 'string', enum: [AUTHENTICATE_CHALLENGE] },
    },
  },
};

/** The method keys of an OpenAPI path item (which also holds `parameters`, `summary`, …). */
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation of the document. */
function operationsOf(document: OpenAPIV3_1.Document): OpenAPIV3_1.OperationObject[] {
  return Object.values(document.paths ?? {}).flatMap((pathItem) =>
    HTTP_METHODS.flatMap((method) => pathItem?.[method] ?? []),
  );
}

/** Documents the headers of PROBLEM_HEADERS, once under components and on each problem concerned. */
export function withProblemHeaders(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  for (const operation of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if ('$ref' in response || !response.content?.[PROBLEM_CONTENT_TYPE]) continue;
      for (const [name, { statuses }] of Object.entries(PROBLEM_HEADERS)) {
        if (!statuses.includes(status)) continue;
        response.headers = {
          [name]: { $ref: `#/components/headers/${name}` },
          ...response.headers,
        };
      }
    }
  }
  const headers = Object.fromEntries(
    Object.entries(PROBLEM_HEADERS).map(([name, { header }]) => [name, header]),
  );
  return {
    ...document,
    components: {
      ...document.components,
      headers: { ...document.components?.headers, ...headers },
    },
  };
}
