import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activeSessionParamsSchema, activeSessionsSchema } from '@todo/api-contracts';
import { clearSessionCookie, signedInToken, signedInUser } from '../../plugins/auth';
import { sendProblem } from '../../plugins/problem';
import { problems, sessionSecurity } from './responses';

/** The signed-in user's live sessions and bearer tokens, to review and revoke one by one. */
const sessionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const security = sessionSecurity;

  app.get(
    '/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your live sessions (browser sign-ins) and bearer tokens, newest first',
        security,
        response: { 200: activeSessionsSchema, 401: problems[401] },
      },
    },
    async (request) => ({
      items: await app.sessions.listOf(signedInUser(request).id, signedInToken(request)),
    }),
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your sessions or tokens (the current one signs you out)',
        security,
        params: activeSessionParamsSchema,
        response: {
          204: z.undefined().describe('Revoked'),
          400: problems[400],
          401: problems[401],
          404: problems[404],
        },
      },
    },
    async (request, reply) => {
      const revoked = await app.sessions.revokeById(
        signedInUser(request).id,
        request.params.id,
        signedInToken(request),
      );
      if (!revoked) return sendProblem(request, reply, 404, 'No session with this id');
      if (revoked.wasCurrent) clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );
};

export default sessionsRoutes;
