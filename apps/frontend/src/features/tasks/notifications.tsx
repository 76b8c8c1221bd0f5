'use client';

import { createContext, use, useEffect, useState, useTransition, type ReactNode } from 'react';
import type { FormState } from '../../lib/form-state';
import { restoreTask } from './actions';

const UNDO_MS = 10_000;

interface Deleted {
  id: string;
  title: string;
}

interface NotificationControls {
  /** Says what just happened to screen-reader users. */
  announce(text: string): void;
  /** Shows the undo toast for a task being deleted. */
  offerUndo(task: Deleted): void;
  /** The API's answer to that delete: a refusal takes the toast away again and says why. */
  deleteSettled(task: Deleted, result: FormState): void;
}

const Notifications = createContext<NotificationControls | null>(null);

export function useNotifications(): NotificationControls {
  const controls = use(Notifications);
  if (!controls) throw new Error('useNotifications needs a NotificationsProvider');
  return controls;
}

/**
 * The task page's announcements and its undo toast. The toast lives above the list, so it
 * survives filtering and paging: Undo restores the task into whatever view is shown by then.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [announcement, setAnnouncement] = useState('');
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const [restoring, startRestore] = useTransition();

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  function undo(task: Deleted) {
    startRestore(async () => {
      const result = await restoreTask(task.id);
      setDeleted(null);
      setAnnouncement(
        result.ok
          ? `Kept “${task.title}”.`
          : `Could not restore “${task.title}”: ${result.message}`,
      );
    });
  }

  const value: NotificationControls = {
    announce: setAnnouncement,
    offerUndo: (task: Deleted) => {
      setDeleted(task);
      setAnnouncement(`Deleted “${task.title}”. Undo is available for a few seconds.`);
    },
    deleteSettled: (task: Deleted, result: FormState) => {
      if (result.ok) return;
      setDeleted((shown) => (shown?.id === task.id ? null : shown));
      setAnnouncement(`Could not delete “${task.title}”: ${result.message}`);
    },
  };

  return (
    <Notifications value={value}>
      {children}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {deleted ? (
        <div className="toast" role="status">
          <span>Deleted “{deleted.title}”.</span>
          <button type="button" onClick={() => undo(deleted)} disabled={restoring}>
            {restoring ? 'Restoring…' : 'Undo'}
          </button>
        </div>
      ) : null}
    </Notifications>
  );
}
