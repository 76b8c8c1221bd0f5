import swagger, { type SwaggerTransform } from '@fastify/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { SESSION_COOKIE } from './auth';
import { sharedResponses, withProblemHeaders } from './openapi-shared-responses';

const SCHEMA_REF = '#/components/schemas/';

/**
 * Keeps only the component schemas an operation refers to, directly or through another: the zod
 * provider emits an input and an output variant of every named schema, and the unused half
 * (the output form of a request body, say) would only mislead readers.
 */
function withoutUnusedSchemas(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF)) {
      const name = ref.slice(SCHEMA_REF.length);
      if (!used.has(name)) {
        used.add(name);
        visit(schemas[name]);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(document.paths);
  const kept = Object.entries(schemas).filter(([name]) => used.has(name));
  return { ...document, components: { ...document.components, schemas: Object.fromEntries(kept) } };
}

/** Collects every route's zod schemas into an OpenAPI 3.1 document. */
export default fp(
  async function openapi(app: FastifyInstance) {
    // The credential routes share one limiter hook (sign-in-throttling); the plugin's own
    // per-route `config.rateLimit` counts too.
    const rateLimited = (route: RouteOptions) =>
      Boolean(route.config?.rateLimit) ||
      (app.hasDecorator('credentialRateLimit') &&
        [route.onRequest].flat().includes(app.credentialRateLimit));

    /** Converts a route's zod schemas, after adding the error answers it shares with others. */
    const transform: SwaggerTransform = (input) => {
      const { schema, route } = input;
      if (!schema || schema.hide) return jsonSchemaTransform(input);
      const shared = sharedResponses({
        method: route.method,
        url: route.url,
        schema,
        rateLimited: rateLimited(route),
      });
      return jsonSchemaTransform({
        ...input,
        schema: { ...schema, response: { ...shared, ...(schema.response as object) } },
      });
    };

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Todo API',
          version: process.env['npm_package_version'] ?? '0.1.0',
          description:
            'Multi-user task lists. Every error is an RFC 9457 problem (`application/problem+json`, schema `Problem`). ' +
            'Browsers authenticate with the session cookie set by sign-in; API clients send `Authorization: Bearer <token>` from `POST /api/auth/tokens`.',
        },
        components: {
          securitySchemes: {
            sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
            bearerToken: { type: 'http', scheme: 'bearer' },
          },
        },
        tags: [
          { name: 'auth', description: 'Accounts and sessions' },
          { name: 'tasks', description: "The signed-in user's tasks" },
          { name: 'operations', description: 'Probes and metrics for the platform' },
        ],
      },
      transform,
      transformObject: (documentObject) =>
        withProblemHeaders(
          withoutUnusedSchemas(jsonSchemaTransformObject(documentObject) as OpenAPIV3_1.Document),
        ),
    });
  },
  { name: 'openapi' },
);
