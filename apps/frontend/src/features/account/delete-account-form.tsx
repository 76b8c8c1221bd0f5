'use client';

import { useActionState } from 'react';
import { Field } from '../../components/field';
import { SubmitButton } from '../../components/submit-button';
import { IDLE } from '../../lib/form-state';
import { deleteAccount } from './actions';
import { useSubmitKeepingInput } from '../../lib/use-submit-keeping-input';

/** Deletes the account and all its tasks, once the password is given and the user ticks “I understand”. */
export function DeleteAccountForm() {
  const [state, action] = useActionState(deleteAccount, IDLE);
  const submit = useSubmitKeepingInput(action);
  const { errors } = state;
  const tickError = errors['confirmed'];

  return (
    <section className="panel" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete my account</h2>
      <p>This deletes your account and every task in it for good. It cannot be undone.</p>
      <form action={action} onSubmit={submit} noValidate aria-labelledby="delete-heading">
        <Field
          label="Password"
          name="password"
          id="delete-password"
          type="password"
          autoComplete="current-password"
          required
          error={errors['password']}
        />
        {/* A checkbox puts its label after the control, so it is written out here, not a Field. */}
        <div className="field checkbox-field">
          <input
            id="delete-confirmed"
            name="confirmed"
            type="checkbox"
            defaultChecked={state.values?.['confirmed'] === 'on'}
            aria-invalid={tickError ? true : undefined}
            aria-describedby={tickError ? 'delete-confirmed-error' : undefined}
          />
          <label htmlFor="delete-confirmed">
            I understand that my account and all my tasks will be deleted for good.
          </label>
          {tickError ? (
            <p className="field-error" id="delete-confirmed-error">
              {tickError}
            </p>
          ) : null}
        </div>
        <p className="form-message" role="alert">
          {state.message}
        </p>
        <SubmitButton label="Delete my account" busyLabel="Deleting…" className="danger" />
      </form>
    </section>
  );
}
