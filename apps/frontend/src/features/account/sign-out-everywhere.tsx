'use client';

import { useActionState, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { SubmitButton } from '../../components/submit-button';
import { IDLE } from '../../lib/form-state';
import { signOutEverywhere } from './actions';

/** Ends every session of the account, this one included, after the user confirms. */
export function SignOutEverywhere() {
  const [state, action, pending] = useActionState(signOutEverywhere, IDLE);
  const [confirming, setConfirming] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirmForm = useRef<HTMLFormElement>(null);

  // The button pressed disappears, so focus moves on to what replaced it (keyboard users).
  function ask(open: boolean) {
    flushSync(() => setConfirming(open));
    if (open) confirmForm.current?.querySelector<HTMLButtonElement>('[type="submit"]')?.focus();
    else trigger.current?.focus();
  }

  return (
    <section className="panel" aria-labelledby="everywhere-heading">
      <h2 id="everywhere-heading">Sign out everywhere</h2>
      <p>
        Ends every session of this account: other browsers and devices, API tokens, and this one.
      </p>
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="everywhere-question">
          <p id="everywhere-question">Sign out on every device now?</p>
          <form ref={confirmForm} action={action}>
            <p className="form-message" role="alert">
              {state.message}
            </p>
            <div className="actions">
              <SubmitButton label="Yes, sign out everywhere" busyLabel="Signing out…" />
              <button type="button" disabled={pending} onClick={() => ask(false)}>
                Cancel
              </button>
            </div>
          </form>
        </div>
      ) : (
        <button ref={trigger} type="button" onClick={() => ask(true)}>
          Sign out everywhere…
        </button>
      )}
    </section>
  );
}
