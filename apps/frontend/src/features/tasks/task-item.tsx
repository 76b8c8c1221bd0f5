'use client';

import { useState } from 'react';
import type { Task } from '@todo/api-contracts';
import { describeDueDate, isOverdue } from '../../lib/format';
import { deleteTask, toggleTask } from './actions';
import { useNotifications } from './notifications';
import { TaskForm } from './task-form';
import { useOptimisticForm, type TaskChange } from './use-optimistic-form';

/**
 * One task. Toggle and delete are forms posting to server actions, so they work without
 * JavaScript; with it, they change the list at once and the server catches up.
 */
export function TaskItem({
  task,
  applyChange,
}: {
  task: Task;
  applyChange: (change: TaskChange) => void;
}) {
  const [editing, setEditing] = useState(false);
  const { announce, report, offerUndo, deleteSettled } = useNotifications();
  const overdue = isOverdue(task);
  const titleId = `title-${task.id}`;
  const toggle = useOptimisticForm(toggleTask, {
    change: { id: task.id, completed: !task.completed },
    applyChange,
    settled: (result) =>
      result.ok
        ? announce(result.message)
        : report(`Could not change “${task.title}”: ${result.message}`),
  });
  const remove = useOptimisticForm(deleteTask, {
    change: { id: task.id, deleted: true },
    applyChange,
    submitted: () => offerUndo(task),
    settled: (result) => deleteSettled(task, result),
  });

  if (editing) {
    return (
      <li className="task editing">
        <TaskForm task={task} onDone={() => setEditing(false)} />
      </li>
    );
  }

  return (
    <li className={`task${task.completed ? ' done' : ''}${overdue ? ' overdue' : ''}`}>
      <form {...toggle}>
        <input type="hidden" name="id" value={task.id} />
        <input type="hidden" name="completed" value={String(!task.completed)} />
        <button
          type="submit"
          role="checkbox"
          aria-checked={task.completed}
          aria-labelledby={titleId}
          className="check"
        />
      </form>
      <div className="task-body">
        <span id={titleId} className="task-title">
          {task.title}
        </span>
        {task.description ? <p className="task-description">{task.description}</p> : null}
        <p className="task-meta">
          <span className={`priority priority-${task.priority}`}>{task.priority} priority</span>
          {task.dueDate ? (
            <span className={overdue ? 'due overdue-label' : 'due'}>
              {describeDueDate(task.dueDate, undefined, task.completed)}
              {overdue ? <span className="visually-hidden"> (overdue)</span> : null}
            </span>
          ) : null}
          {task.tags.map((tag) => (
            <span key={tag} className="tag">
              #{tag}
            </span>
          ))}
        </p>
      </div>
      <div className="task-actions">
        <button
          type="button"
          className="js-only"
          onClick={() => setEditing(true)}
          aria-label={`Edit ${task.title}`}
        >
          Edit
        </button>
        <form {...remove}>
          <input type="hidden" name="id" value={task.id} />
          <input type="hidden" name="title" value={task.title} />
          <button type="submit" className="danger" aria-label={`Delete ${task.title}`}>
            Delete
          </button>
        </form>
      </div>
    </li>
  );
}
