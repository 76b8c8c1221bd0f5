import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { taskPageSchema, taskQuerySchema } from '@todo/api-contracts';
import { refuseUnauthenticated, requestSessionToken } from '../../plugins/auth';
import { sessionTaskPageRepository } from '../../repositories/session-task-page';
import { sessionSecurity } from './responses';

/**
 * GET /api/tasks, the API's busiest route, checks its session in the statement that reads the
 * page (one database round trip instead of two), so it is not behind `authenticate` like the
 * other task routes (tasks.ts). It answers as they do: 401 without a live session, whatever the
 * query; 400 for a bad query only to the signed-in.
 */
const taskListRoute: FastifyPluginAsyncZod = async (app) => {
  const pages = sessionTaskPageRepository(app.database.db);

  app.get(
    '',
    {
      schema: {
        tags: ['tasks'],
        summary: 'List, filter, search, sort and page through your tasks',
        security: sessionSecurity,
        querystring: taskQuerySchema,
        response: { 200: taskPageSchema },
      },
      // The query is judged after the session, as behind `authenticate`.
      attachValidation: true,
    },
    async (request, reply) => {
      const token = requestSessionToken(request);
      if (request.validationError) {
        const user = token ? await app.sessions.findUser(token) : undefined;
        if (!user) return refuseUnauthenticated(request, reply);
        throw request.validationError;
      }
      const page = token ? await pages.list(token, request.query) : undefined;
      if (!token || !page) return refuseUnauthenticated(request, reply);
      request.user = page.user;
      request.sessionToken = token;
      const { limit, offset } = request.query;
      return { items: page.items, total: page.total, limit, offset, counts: page.counts };
    },
  );
};

export default taskListRoute;
