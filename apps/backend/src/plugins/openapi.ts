import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from './auth';

/** Collects every route's zod schemas into an OpenAPI 3.1 document. */
export default fp(
  async function openapi(app: FastifyInstance) {
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
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
  },
  { name: 'openapi' },
);
