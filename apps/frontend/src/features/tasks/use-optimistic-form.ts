import { useActionState, useTransition, type FormEvent } from 'react';
import { IDLE, type FormState } from '../../lib/form-state';

/** A change to one task, shown in the list before the API has answered. */
export interface TaskChange {
  id: string;
  completed?: boolean;
  deleted?: boolean;
}

type TaskAction = (previous: FormState, form: FormData) => Promise<FormState>;

/**
 * The props of a form that posts to a server action. Without JavaScript it is a plain post
 * (the action state's dispatcher makes it one). With JavaScript the change shows in the list at
 * once, and the answer goes to `settled` even if this task has left the view by then (filtered
 * out, or deleted).
 */
export function useOptimisticForm(
  action: TaskAction,
  {
    change,
    applyChange,
    submitted,
    settled,
  }: {
    change: TaskChange;
    applyChange: (change: TaskChange) => void;
    /** Runs as the form is sent, outside the transition, so what it shows appears at once. */
    submitted?: () => void;
    settled: (result: FormState) => void;
  },
) {
  const [, dispatch] = useActionState(action, IDLE);
  const [, startTransition] = useTransition();
  return {
    action: dispatch,
    onSubmit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      const form = new FormData(event.currentTarget);
      submitted?.();
      startTransition(async () => {
        applyChange(change);
        settled(await action(IDLE, form));
      });
    },
  };
}
