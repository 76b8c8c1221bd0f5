'use client';

import { useId, useState, type FormEvent } from 'react';
import {
  createTaskSchema,
  DESCRIPTION_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  type CreateTask,
  type Task,
} from '@todo/api-contracts';
import { parseTags } from '../../lib/format';
import { useFormSubmit } from '../../lib/use-form-submit';
import { PriorityOptions } from './priority-options';

interface Draft {
  title: string;
  description: string;
  priority: Task['priority'];
  tags: string;
  dueDate: string;
}

const EMPTY: Draft = { title: '', description: '', priority: 'medium', tags: '', dueDate: '' };

function draftOf(task?: Task): Draft {
  if (!task) return EMPTY;
  return {
    title: task.title,
    description: task.description ?? '',
    priority: task.priority,
    tags: task.tags.join(', '),
    dueDate: task.dueDate ?? '',
  };
}

/**
 * Add or edit a task. Validates with the API's own schema before sending, shows the API's
 * field errors when it refuses, and never clears what the user typed on failure.
 */
export function TaskForm({
  task,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  task?: Task;
  submitLabel: string;
  onSubmit: (
    fields: CreateTask & { description: string | null; dueDate: string | null },
  ) => Promise<void>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(task));
  const { errors, message, busy, validate, send } = useFormSubmit();
  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = {
      title: draft.title,
      description: draft.description.trim() ? draft.description : null,
      priority: draft.priority,
      tags: parseTags(draft.tags),
      dueDate: draft.dueDate || null,
    };
    if (!validate(createTaskSchema, fields)) return;
    const submitted = draft;
    // Clear for the next task, unless the user has already started typing it.
    if ((await send(() => onSubmit(fields))) && !task)
      setDraft((current) => (current === submitted ? EMPTY : current));
  }

  const field = (name: keyof Draft) => ({
    id: `${id}-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  });
  const error = (name: keyof Draft) =>
    errors[name] ? (
      <p className="field-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <form
      className="task-form"
      onSubmit={submit}
      noValidate
      aria-label={task ? `Edit ${task.title}` : 'Add a task'}
    >
      <div className="field title-field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          {...field('title')}
          value={draft.title}
          onChange={set('title')}
          maxLength={TITLE_MAX_LENGTH + 50}
          required
        />
        {error('title')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          {...field('description')}
          rows={2}
          value={draft.description}
          onChange={set('description')}
          maxLength={DESCRIPTION_MAX_LENGTH + 50}
        />
        {error('description')}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-priority`}>Priority</label>
          <select {...field('priority')} value={draft.priority} onChange={set('priority')}>
            <PriorityOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-dueDate`}>Due date</label>
          <input
            {...field('dueDate')}
            type="date"
            value={draft.dueDate}
            onChange={set('dueDate')}
          />
          {error('dueDate')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-tags`}>Tags</label>
          <input
            {...field('tags')}
            value={draft.tags}
            onChange={set('tags')}
            placeholder="home, errands"
          />
          {error('tags')}
        </div>
      </div>
      <p className="form-message" role="alert">
        {message}
      </p>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
