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
  /** Shows what went wrong in the toast (and says it). */
  report(text: string): void;
  /** Shows the undo toast for a task being deleted. */
  offerUndo(task: Deleted): void;
  /** The API's answer to that delete: a refusal replaces the undo with why. */
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
  const [toast, setToast] = useState<{ text: string; undo?: Deleted } | null>(null);
  const [restoring, startRestore] = useTransition();

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  function report(text: string) {
    setToast({ text });
    setAnnouncement(text);
  }

  function undo(task: Deleted) {
    startRestore(async () => {
      const result = await restoreTask(task.id);
      if (!result.ok) return report(`Could not restore “${task.title}”: ${result.message}`);
      setToast(null);
      setAnnouncement(`Kept “${task.title}”.`);
    });
  }

  const value: NotificationControls = {
    announce: setAnnouncement,
    report,
    offerUndo(task) {
      setToast({ text: `Deleted “${task.title}”.`, undo: task });
      setAnnouncement(`Deleted “${task.title}”. Undo is available for a few seconds.`);
    },
    deleteSettled(task, result) {
      if (!result.ok) report(`Could not delete “${task.title}”: ${result.message}`);
    },
  };

  return (
    <Notifications value={value}>
      {children}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {toast ? (
        <div className="toast">
          <span>{toast.text}</span>
          {toast.undo ? (
            <button type="button" onClick={() => undo(toast.undo as Deleted)} disabled={restoring}>
              {restoring ? 'Restoring…' : 'Undo'}
            </button>
          ) : (
            <button type="button" onClick={() => setToast(null)}>
              Dismiss
            </button>
          )}
        </div>
      ) : null}
    </Notifications>
  );
}
