'use server';

import { revalidatePath } from 'next/cache';
import {
  createTaskSchema,
  taskChangesSchema,
  taskIdParamsSchema,
  updateTaskSchema,
  type Task,
} from '@todo/api-contracts';
import { invalid, refused, succeeded, typedValues, type FormState } from '../../lib/form-state';
import { backend } from '../../lib/server/backend';
import { taskBody, TASK_FIELDS } from './task-fields';

const toggleSchema = taskIdParamsSchema.extend(
  taskChangesSchema.pick({ completed: true }).required().shape,
);

/** A form's "true"/"false" as a boolean; anything else is left for the schema to refuse. */
const booleanField = (value: FormDataEntryValue | null) =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * Runs one change through the API and re-renders the task page with it. Every action answers
 * with a FormState: the form's errors and message, and what was typed when it was refused.
 */
async function change(
  request: () => Promise<Task | undefined>,
  message: (task: Task | undefined) => string,
  values?: Record<string, string>,
): Promise<FormState> {
  try {
    const task = await request();
    revalidatePath('/');
    return { ...succeeded(message(task)), values };
  } catch (error) {
    return refused(error, values);
  }
}

export async function createTask(_previous: FormState, form: FormData): Promise<FormState> {
  const values = typedValues(form, ...TASK_FIELDS);
  const fields = createTaskSchema.safeParse(taskBody(form));
  if (!fields.success) return invalid(fields.error, values);
  return change(
    () => backend<Task>('/api/tasks', { method: 'POST', body: fields.data }),
    (task) => `Added “${task?.title}”.`,
    values,
  );
}

export async function updateTask(_previous: FormState, form: FormData): Promise<FormState> {
  const values = typedValues(form, ...TASK_FIELDS);
  const id = taskIdParamsSchema.safeParse({ id: form.get('id') });
  const fields = updateTaskSchema.safeParse(taskBody(form));
  if (!id.success) return invalid(id.error, values);
  if (!fields.success) return invalid(fields.error, values);
  return change(
    () => backend<Task>(`/api/tasks/${id.data.id}`, { method: 'PATCH', body: fields.data }),
    (task) => `Saved “${task?.title}”.`,
    values,
  );
}

export async function toggleTask(_previous: FormState, form: FormData): Promise<FormState> {
  const input = toggleSchema.safeParse({
    id: form.get('id'),
    completed: booleanField(form.get('completed')),
  });
  if (!input.success) return invalid(input.error);
  const { id, completed } = input.data;
  return change(
    () => backend<Task>(`/api/tasks/${id}`, { method: 'PATCH', body: { completed } }),
    (task) => (task?.completed ? `Completed “${task.title}”.` : `Reopened “${task?.title}”.`),
  );
}

export async function deleteTask(_previous: FormState, form: FormData): Promise<FormState> {
  const input = taskIdParamsSchema.safeParse({ id: form.get('id') });
  if (!input.success) return invalid(input.error);
  return change(
    () => backend(`/api/tasks/${input.data.id}`, { method: 'DELETE' }),
    () => `Deleted “${String(form.get('title'))}”.`,
  );
}

/** Undo of a delete: the API keeps deleted tasks restorable for a few minutes. */
export async function restoreTask(id: string): Promise<FormState> {
  const input = taskIdParamsSchema.safeParse({ id });
  if (!input.success) return invalid(input.error);
  return change(
    () => backend<Task>(`/api/tasks/${input.data.id}/restore`, { method: 'POST' }),
    (task) => `Restored “${task?.title}”.`,
  );
}
