'use server';

import { redirect } from 'next/navigation';
import { credentialsSchema, signInSchema } from '@todo/api-contracts';
import { invalid, refused, typedValues, type FormState } from '../../lib/form-state';
import { backend } from '../../lib/server/backend';
import { safeNextPath } from '../../lib/session';

const ENDPOINTS = {
  // Any password is checked against the account's; the rules are for choosing one.
  signin: { path: '/api/auth/login', schema: signInSchema },
  signup: { path: '/api/auth/register', schema: credentialsSchema },
} as const;

export async function signIn(previous: FormState, form: FormData): Promise<FormState> {
  return authenticate('signin', form);
}

export async function signUp(previous: FormState, form: FormData): Promise<FormState> {
  return authenticate('signup', form);
}

/** Signs in or creates the account, hands the session cookie to the browser, and goes on. */
async function authenticate(mode: keyof typeof ENDPOINTS, form: FormData): Promise<FormState> {
  const { path, schema } = ENDPOINTS[mode];
  const values = typedValues(form, 'email');
  const credentials = schema.safeParse({
    email: form.get('email'),
    password: form.get('password'),
  });
  if (!credentials.success) return invalid(credentials.error, values);
  try {
    // A 401 here is a wrong password, not a lost session.
    const sending = { method: 'POST', body: credentials.data, signInOnExpiry: false };
    await backend(path, { ...sending, relayCookies: true });
  } catch (error) {
    return refused(error, values);
  }
  redirect(safeNextPath(form.get('next')));
}

/** Ends this browser's session (the API clears the cookie) and shows the sign-in page. */
export async function signOut(): Promise<void> {
  await backend('/api/auth/logout', {
    method: 'POST',
    signInOnExpiry: false,
    relayCookies: true,
  }).catch(() => undefined);
  redirect('/signin');
}
