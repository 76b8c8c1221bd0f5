import { parseTags } from '../../lib/format';

/** The add and edit forms' fields, by the names the API uses. */
export const TASK_FIELDS = ['title', 'description', 'priority', 'tags', 'dueDate'] as const;

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** A task form as the API's body: blank description and due date mean none, tags are a list. */
export function taskBody(form: FormData) {
  return {
    title: text(form, 'title'),
    description: text(form, 'description').trim() ? text(form, 'description') : null,
    priority: text(form, 'priority') || 'medium',
    tags: parseTags(text(form, 'tags')),
    dueDate: text(form, 'dueDate') || null,
  };
}

/** Whether a form still holds what was submitted (the user has not started on the next task). */
export function holdsValues(form: HTMLFormElement, values: Record<string, string>): boolean {
  const current = new FormData(form);
  return TASK_FIELDS.every((name) => String(current.get(name) ?? '') === (values[name] ?? ''));
}
