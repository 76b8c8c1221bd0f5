'use client';

import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@todo/api-contracts';
import { api } from '../../lib/api-client';
import { useFormSubmit } from '../../lib/use-form-submit';
import { changePasswordFormSchema } from './account-forms';
import { PasswordField } from './password-field';

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** Changes the password; the API then ends every other session, and this one stays signed in. */
export function ChangePasswordForm() {
  const [draft, setDraft] = useState(EMPTY);
  const [changed, setChanged] = useState(false);
  const { errors, message, busy, validate, send } = useFormSubmit();
  const set = (key: keyof typeof EMPTY) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChanged(false);
    const form = validate(changePasswordFormSchema, draft);
    if (!form) return;
    const body = { currentPassword: form.currentPassword, newPassword: form.newPassword };
    if (await send(() => api('/api/auth/password', { method: 'POST', body }))) {
      setDraft(EMPTY);
      setChanged(true);
    }
  }

  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <form onSubmit={submit} noValidate aria-labelledby="password-heading">
        <PasswordField
          id="current-password"
          label="Current password"
          autoComplete="current-password"
          value={draft.currentPassword}
          onChange={set('currentPassword')}
          error={errors['currentPassword']}
        />
        <PasswordField
          id="new-password"
          label="New password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          value={draft.newPassword}
          onChange={set('newPassword')}
          error={errors['newPassword']}
        />
        <PasswordField
          id="confirm-password"
          label="New password again"
          autoComplete="new-password"
          value={draft.confirmPassword}
          onChange={set('confirmPassword')}
          error={errors['confirmPassword']}
        />
        <p className="form-message" role="alert">
          {message}
        </p>
        <p className="form-success" role="status">
          {changed
            ? 'Password changed. Every other device and API token has been signed out; you stay signed in here.'
            : ''}
        </p>
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
