import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTaskSchema,
  replaceTaskSchema,
  TASK_RESTORE_WINDOW_SECONDS,
  taskIdParamsSchema,
  taskSchema,
  updateTaskSchema,
  type Task,
} from '@todo/api-contracts';
import { signedInUser } from '../../plugins/auth';
import { sendProblem } from '../../plugins/problem';
import { tasksRepository } from '../../repositories/tasks';
import { problems, sessionSecurity } from './responses';

const TASK_NOT_FOUND = 'No task with this id';
const TASK_NOT_RESTORABLE = 'Task not found or no longer restorable';
const RESTORE_WINDOW = `${TASK_RESTORE_WINDOW_SECONDS / 60} minutes`;

/**
 * Every route here needs a session; the repository is scoped to that user. The list, which checks
 * its session itself, is task-list.ts.
 */
const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  // onRequest: an anonymous request is refused before its body is even read.
  app.addHook('onRequest', app.authenticate);
  const security = sessionSecurity;
  const tasksOf = (request: FastifyRequest) =>
    tasksRepository(app.database.db, signedInUser(request).id);
  const found = (request: FastifyRequest, reply: FastifyReply, task: Task | undefined) =>
    task ? reply.send(task) : sendProblem(request, reply, 404, TASK_NOT_FOUND);

  app.post(
    '',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task',
        security,
        body: createTaskSchema,
        response: { 201: taskSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await tasksOf(request).create(request.body)),
  );

  const byId = {
    security,
    params: taskIdParamsSchema,
  };
  const taskOr404 = { 200: taskSchema, 404: problems[404] };

  app.get(
    '/:id',
    { schema: { tags: ['tasks'], summary: 'One task', ...byId, response: taskOr404 } },
    async (request, reply) =>
      found(request, reply, await tasksOf(request).findById(request.params.id)),
  );

  app.put(
    '/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Replace a task (fields left out return to their defaults)',
        ...byId,
        body: replaceTaskSchema,
        response: taskOr404,
      },
    },
    async (request, reply) =>
      found(request, reply, await tasksOf(request).replace(request.params.id, request.body)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Change some fields of a task',
        ...byId,
        body: updateTaskSchema,
        response: taskOr404,
      },
    },
    async (request, reply) =>
      found(request, reply, await tasksOf(request).update(request.params.id, request.body)),
  );

  app.patch(
    '/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Toggle completion',
        ...byId,
        response: taskOr404,
      },
    },
    async (request, reply) =>
      found(request, reply, await tasksOf(request).toggleCompleted(request.params.id)),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Delete a task',
        description: `The task can be restored for ${RESTORE_WINDOW} (\`POST /api/tasks/{id}/restore\`).`,
        ...byId,
        response: {
          204: z.undefined().describe('Deleted'),
          404: problems[404],
        },
      },
    },
    async (request, reply) =>
      (await tasksOf(request).remove(request.params.id))
        ? reply.code(204).send()
        : sendProblem(request, reply, 404, TASK_NOT_FOUND),
  );

  app.post(
    '/:id/restore',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Restore a deleted task (undo)',
        description: `Puts back a task you deleted less than ${RESTORE_WINDOW} ago, exactly as it was (same id, fields and timestamps). Later, or twice, it is 404.`,
        ...byId,
        response: taskOr404,
      },
    },
    async (request, reply) => {
      const task = await tasksOf(request).restore(request.params.id);
      return task ? reply.send(task) : sendProblem(request, reply, 404, TASK_NOT_RESTORABLE);
    },
  );
};

export default tasksRoutes;
