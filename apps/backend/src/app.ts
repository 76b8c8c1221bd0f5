import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/client';
import { serializeError } from './lib/error-serializer';
import { boundedLogDestination } from './lib/log-destination';
import { fastSerializerCompiler } from './lib/serializer';
import { commonHeaders, onClientError, onFrameworkError } from './lib/transport-errors';
import auth from './plugins/auth';
import database from './plugins/database';
import errorHandler from './plugins/error-handler';
import metrics from './plugins/metrics';
import openapi from './plugins/openapi';
import sessionSweep from './plugins/session-sweep';
import signInThrottling from './plugins/sign-in-throttling';
import accountRoutes from './routes/api/account';
import authRoutes from './routes/api/auth';
import sessionsRoutes from './routes/api/sessions';
import taskListRoute from './routes/api/task-list';
import tasksRoutes from './routes/api/tasks';
import docsRoutes from './routes/docs';
import operationsRoutes from './routes/operations';

export const BODY_LIMIT_BYTES = 64 * 1024;

/** Every method a route of the API answers, for CORS preflights (the plugin's default lacks edits). */
export const API_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** JSON answers are never framed or run as a page; the docs page sets its own, looser policy. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export interface AppOptions {
  config: Config;
  database: Database;
  /** Where JSON log lines go (tests capture them); defaults to stdout. */
  logStream?: NodeJS.WritableStream;
}

/** Fastify's types lack the hop count proxy-addr understands; this is the same rule. */
function trustedProxies(setting: Config['TRUST_PROXY']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** Request ids from a proxy are kept when they look like ids; anything else is replaced. */
function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w.:-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

function loggerOptions(
  config: Config,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    // Tests capture the log; otherwise stdout, through a bounded buffer (lib/log-destination.ts).
    stream: stream ?? boundedLogDestination(),
    // Every logged error, from a request or not (shutdown, hooks), goes through this one
    // serializer: it keeps the SQL text and the driver's code and message, drops query parameters.
    serializers: { err: serializeError },
    // Defence in depth: the default serializers log no headers, but nothing secret may slip in.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
}

/** The whole API as one Fastify instance; `server.ts` only opens the database and listens. */
export async function buildApp({ config, database: db, logStream }: AppOptions) {
  const app = Fastify({
    logger: loggerOptions(config, logStream),
    genReqId: requestId,
    bodyLimit: BODY_LIMIT_BYTES,
    // Only the configured hops (or addresses) may name the client in X-Forwarded-For.
    trustProxy: trustedProxies(config.TRUST_PROXY),
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
    routerOptions: { ignoreTrailingSlash: true },
    // While draining, requests on open keep-alive connections are still served; /ready says 503.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(fastSerializerCompiler);
  // JSON is the only body the API accepts: everything else is a 415, not a confusing 400.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.headers(commonHeaders(String(request.id)));
    // Answers hold sessions, tokens and private tasks: no cache may keep them unless a route says.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', API_CONTENT_SECURITY_POLICY);
    }
    reply.header('x-frame-options', 'DENY');
    // While draining, each answered connection is closed so shutdown need not wait for keep-alives.
    if (app.draining) reply.header('connection', 'close');
  });

  await app.register(errorHandler);
  await app.register(metrics);
  await app.register(cookie);
  if (config.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: config.CORS_ORIGINS,
      credentials: true,
      methods: API_METHODS,
      exposedHeaders: ['retry-after', 'x-request-id'],
      maxAge: 600,
    });
  }
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
  await app.register(database, { database: db });
  await app.register(auth);
  await app.register(signInThrottling, { config });
  await app.register(sessionSweep, { intervalSeconds: config.SESSION_SWEEP_INTERVAL });
  await app.register(openapi);

  await app.register(operationsRoutes);
  await app.register(docsRoutes);
  await app.register(authRoutes, { prefix: '/api/auth', config });
  await app.register(accountRoutes, { prefix: '/api/auth' });
  await app.register(sessionsRoutes, { prefix: '/api/auth' });
  await app.register(taskListRoute, { prefix: '/api/tasks' });
  await app.register(tasksRoutes, { prefix: '/api/tasks' });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
