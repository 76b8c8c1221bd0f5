'use client';

import { useActionState, useEffect, useRef } from 'react';
import { PASSWORD_MIN_LENGTH } from '@todo/api-contracts/limits';
import { Field } from '../../components/field';
import { SubmitButton } from '../../components/submit-button';
import { IDLE } from '../../lib/form-state';
import { changePassword } from './actions';
import { useSubmitKeepingInput } from '../../lib/use-submit-keeping-input';

/** Changes the password; the API then ends every other session, and this one stays signed in. */
export function ChangePasswordForm() {
  const [state, action] = useActionState(changePassword, IDLE);
  const submit = useSubmitKeepingInput(action);
  const formRef = useRef<HTMLFormElement>(null);
  const { errors } = state;

  // A refusal keeps the passwords to correct; once changed they are cleared.
  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);

  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <form
        ref={formRef}
        action={action}
        onSubmit={submit}
        noValidate
        aria-labelledby="password-heading"
      >
        <Field
          label="Current password"
          name="currentPassword"
          id="current-password"
          type="password"
          autoComplete="current-password"
          required
          error={errors['currentPassword']}
        />
        <Field
          label="New password"
          name="newPassword"
          id="new-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          description={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          error={errors['newPassword']}
        />
        <Field
          label="New password again"
          name="confirmPassword"
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          error={errors['confirmPassword']}
        />
        <p className="form-message" role="alert">
          {state.ok ? '' : state.message}
        </p>
        <p className="form-success" role="status">
          {state.ok ? state.message : ''}
        </p>
        <SubmitButton label="Change password" busyLabel="Changing…" />
      </form>
    </section>
  );
}
