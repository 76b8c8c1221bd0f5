'use client';

import { useState } from 'react';
import type { Task } from '@todo/api-contracts';
import { describeDueDate, isOverdue } from '../../lib/format';
import { TaskForm } from './task-form';

export function TaskItem({
  task,
  onToggle,
  onSave,
  onDelete,
}: {
  task: Task;
  onToggle: (task: Task) => void;
  onSave: (
    task: Task,
    fields: Parameters<Parameters<typeof TaskForm>[0]['onSubmit']>[0],
  ) => Promise<void>;
  onDelete: (task: Task) => void;
}) {
  const [editing, setEditing] = useState(false);
  const overdue = isOverdue(task);

  if (editing) {
    return (
      <li className="task editing">
        <TaskForm
          task={task}
          submitLabel="Save"
          onSubmit={async (fields) => {
            await onSave(task, fields);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  return (
    <li className={`task${task.completed ? ' done' : ''}${overdue ? ' overdue' : ''}`}>
      <input
        type="checkbox"
        id={`done-${task.id}`}
        checked={task.completed}
        onChange={() => onToggle(task)}
      />
      <div className="task-body">
        <label htmlFor={`done-${task.id}`} className="task-title">
          {task.title}
        </label>
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
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${task.title}`}>
          Edit
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => onDelete(task)}
          aria-label={`Delete ${task.title}`}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
