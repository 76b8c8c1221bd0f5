import { useTransition, type FormEvent } from 'react';

/**
 * An onSubmit for a `<form action>`: with JavaScript it runs the action without React's
 * automatic form reset, so a refused form keeps what was typed (passwords are never sent
 * back to refill it). Without JavaScript the form posts to the server action as usual.
 */
export function useSubmitKeepingInput(action: (form: FormData) => void) {
  const [, startTransition] = useTransition();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
}
