'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '../../lib/api-client';
import { signInWithNotice } from '../../lib/notices';
import { useFormSubmit } from '../../lib/use-form-submit';
import { deleteAccountFormSchema } from './account-forms';
import { PasswordField } from './password-field';

/** Deletes the account and all its tasks, once the password is given and the user ticks “I understand”. */
export function DeleteAccountForm() {
  const router = useRouter();
  const [password, setPassword] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const { errors, message, busy, validate, send } = useFormSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const form = validate(deleteAccountFormSchema, { password, confirmed });
    if (!form) return;
    const request = () =>
      api('/api/auth/account', { method: 'DELETE', body: { password: form.password } });
    if (!(await send(request, { leaving: true }))) return;
    router.replace(signInWithNotice('account-deleted'));
    router.refresh();
  }

  return (
    <section className="panel" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete my account</h2>
      <p>This deletes your account and every task in it for good. It cannot be undone.</p>
      <form onSubmit={submit} noValidate aria-labelledby="delete-heading">
        <PasswordField
          id="delete-password"
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors['password']}
        />
        <div className="field checkbox-field">
          <input
            id="delete-confirmed"
            name="confirmed"
            type="checkbox"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
            aria-invalid={errors['confirmed'] ? true : undefined}
            aria-describedby={errors['confirmed'] ? 'delete-confirmed-error' : undefined}
          />
          <label htmlFor="delete-confirmed">
            I understand that my account and all my tasks will be deleted for good.
          </label>
          {errors['confirmed'] ? (
            <p className="field-error" id="delete-confirmed-error">
              {errors['confirmed']}
            </p>
          ) : null}
        </div>
        <p className="form-message" role="alert">
          {message}
        </p>
        <button type="submit" className="danger" disabled={busy} aria-busy={busy}>
          {busy ? 'Deleting…' : 'Delete my account'}
        </button>
      </form>
    </section>
  );
}
