'use server';

import { redirect } from 'next/navigation';
import { invalid, refused, succeeded, typedValues, type FormState } from '../../lib/form-state';
import { signInWithNotice } from '../../lib/notices';
import { backend } from '../../lib/server/backend';
import { changePasswordFormSchema, deleteAccountFormSchema } from './account-forms';

const PASSWORD_CHANGED =
  'Password changed. Every other device and API token has been signed out; you stay signed in here.';

/** Changes the password; the API ends every other session and token, and keeps this one. */
export async function changePassword(_previous: FormState, form: FormData): Promise<FormState> {
  const input = changePasswordFormSchema.safeParse({
    currentPassword: form.get('currentPassword'),
    newPassword: form.get('newPassword'),
    confirmPassword: form.get('confirmPassword'),
  });
  if (!input.success) return invalid(input.error);
  const { currentPassword, newPassword } = input.data;
  const body = { currentPassword, newPassword };
  const refusal = await send('/api/auth/password', { method: 'POST', body });
  return refusal ?? succeeded(PASSWORD_CHANGED);
}

/** Deletes the account and its tasks; the API clears the session cookie. */
export async function deleteAccount(_previous: FormState, form: FormData): Promise<FormState> {
  const values = typedValues(form, 'confirmed');
  const input = deleteAccountFormSchema.safeParse({
    password: form.get('password'),
    // A ticked checkbox is sent as "on"; an unticked one is not sent at all.
    confirmed: form.get('confirmed') === 'on',
  });
  if (!input.success) return invalid(input.error, values);
  const body = { password: input.data.password };
  const refusal = await send('/api/auth/account', { method: 'DELETE', body });
  if (refusal) return { ...refusal, values };
  redirect(signInWithNotice('account-deleted'));
}

/** Ends every session of the account, this one included; the API clears the session cookie. */
export async function signOutEverywhere(): Promise<FormState> {
  const refusal = await send('/api/auth/logout-everywhere', { method: 'POST' });
  if (refusal) return refusal;
  redirect(signInWithNotice('signed-out-everywhere'));
}

/**
 * Sends the request and hands the cookies the API sets on to the browser; undefined when it
 * succeeded, else the refusal for the form. A wrong password is a 403 and shows in the form; a
 * 401 means the session has ended, and `backend` sends the user to sign in again.
 */
async function send(
  path: string,
  request: { method: string; body?: unknown },
): Promise<FormState | undefined> {
  try {
    await backend(path, { ...request, relayCookies: true });
    return undefined;
  } catch (error) {
    return refused(error);
  }
}
