'use client';

import { useOptimistic } from 'react';
import type { Task } from '@todo/api-contracts';
import { useListView } from './list-view';
import { TaskItem } from './task-item';
import type { TaskChange } from './use-optimistic-form';

/**
 * The tasks the server rendered, with changes in flight shown at once: a toggled task is ticked
 * and a deleted one gone before the API answers. The server's next render is the truth again.
 */
export function TaskList({ tasks }: { tasks: Task[] }) {
  const { pending } = useListView();
  const [shown, applyChange] = useOptimistic(tasks, (current, change: TaskChange) =>
    change.deleted
      ? current.filter((task) => task.id !== change.id)
      : current.map((task) =>
          task.id === change.id ? { ...task, completed: change.completed ?? task.completed } : task,
        ),
  );
  return (
    <ul className="task-list" aria-label="Tasks" aria-busy={pending}>
      {shown.map((task) => (
        <TaskItem key={task.id} task={task} applyChange={applyChange} />
      ))}
    </ul>
  );
}
