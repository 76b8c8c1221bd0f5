'use client';

import { useActionState, useEffect, useEffectEvent, useRef } from 'react';
import type { Task } from '@todo/api-contracts';
import { DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH } from '@todo/api-contracts/limits';
import { Field } from '../../components/field';
import { SubmitButton } from '../../components/submit-button';
import { IDLE } from '../../lib/form-state';
import { useSubmitKeepingInput } from '../../lib/use-submit-keeping-input';
import { createTask, updateTask } from './actions';
import { useNotifications } from './notifications';
import { PriorityOptions } from './priority-options';
import { holdsValues } from './task-fields';

const EMPTY = { title: '', description: '', priority: 'medium', tags: '', dueDate: '' };

function valuesOf(task?: Task): Record<string, string> {
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
 * Add a task (a title row that opens for details) or edit one in place. The server action
 * checks the input with the API's own schema; a refusal shows its field errors and keeps what
 * was typed. After an add, the form is cleared only if it still holds the saved task: whatever
 * the user began typing while it was being saved stays.
 */
export function TaskForm({ task, onDone }: { task?: Task; onDone?: () => void }) {
  const [state, formAction] = useActionState(task ? updateTask : createTask, IDLE);
  const submit = useSubmitKeepingInput(formAction);
  const formRef = useRef<HTMLFormElement>(null);
  const { announce } = useNotifications();
  const values = !state.ok && state.values ? state.values : valuesOf(task);
  const { errors } = state;
  const detailsRefused = Boolean(errors['description'] || errors['tags'] || errors['dueDate']);

  const onSaved = useEffectEvent(() => {
    announce(state.message);
    const form = formRef.current;
    if (task) onDone?.();
    else if (form && state.values && holdsValues(form, state.values)) form.reset();
  });
  useEffect(() => {
    if (state.ok) onSaved();
  }, [state]);

  const field = (name: string) => ({ name, defaultValue: values[name], error: errors[name] });
  const details = (
    <div className="field-row">
      <Field label="Priority" as="select" {...field('priority')}>
        <PriorityOptions />
      </Field>
      <Field label="Due date" type="date" {...field('dueDate')} />
      <Field label="Tags" placeholder="home, errands" {...field('tags')} />
    </div>
  );
  const description = (
    <Field
      label="Description"
      as="textarea"
      rows={2}
      maxLength={DESCRIPTION_MAX_LENGTH + 50}
      {...field('description')}
    />
  );

  return (
    <form
      ref={formRef}
      className={task ? 'task-form' : 'task-form add-task'}
      action={formAction}
      onSubmit={submit}
      noValidate
      aria-label={task ? `Edit ${task.title}` : 'Add a task'}
    >
      {task ? <input type="hidden" name="id" value={task.id} /> : null}
      <div className="title-row">
        <Field
          label="Title"
          className="title-field"
          placeholder={task ? undefined : 'Add a task…'}
          maxLength={TITLE_MAX_LENGTH + 50}
          required
          {...field('title')}
        />
        <SubmitButton label={task ? 'Save' : 'Add task'} busyLabel={task ? 'Saving…' : 'Adding…'} />
        {onDone ? (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
      {task ? (
        <>
          {description}
          {details}
        </>
      ) : (
        <details className="more" open={detailsRefused || undefined}>
          <summary>Details: description, priority, due date, tags</summary>
          {description}
          {details}
        </details>
      )}
      <p className="form-message" role="alert">
        {state.ok ? '' : state.message}
      </p>
    </form>
  );
}
