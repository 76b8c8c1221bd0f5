'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../../lib/api-client';
import { signInWithNotice } from '../../lib/notices';
import { useFormSubmit } from '../../lib/use-form-submit';

/** Ends every session of the account, this one included, after the user confirms. */
export function SignOutEverywhere() {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { message, busy, send } = useFormSubmit();
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);

  // The button pressed disappears, so focus moves on to what replaced it (keyboard users).
  function ask(open: boolean) {
    flushSync(() => setConfirming(open));
    (open ? confirm : trigger).current?.focus();
  }

  async function signOutEverywhere() {
    const request = () => api('/api/auth/logout-everywhere', { method: 'POST' });
    if (!(await send(request, { leaving: true }))) return;
    router.replace(signInWithNotice('signed-out-everywhere'));
    router.refresh();
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
          <p className="form-message" role="alert">
            {message}
          </p>
          <div className="actions">
            <button
              ref={confirm}
              type="button"
              className="primary"
              disabled={busy}
              aria-busy={busy}
              onClick={signOutEverywhere}
            >
              {busy ? 'Signing out…' : 'Yes, sign out everywhere'}
            </button>
            <button type="button" disabled={busy} onClick={() => ask(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button ref={trigger} type="button" onClick={() => ask(true)}>
          Sign out everywhere…
        </button>
      )}
    </section>
  );
}
