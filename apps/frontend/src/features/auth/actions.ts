'use server';

import { redirect } from 'next/navigation';
import { credentialsSchema, signInSchema } from '@todo/api-contracts';
import { invalid, refused, typedValues, type FormState } from '../../lib/form-state';
import { backendResponse } from '../../lib/server/backend';
import { relayCookies } from '../../lib/server/session-cookies';
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
    await relayCookies(await backendResponse(path, { method: 'POST', body: credentials.data }));
  } catch (error) {
    return refused(error, values);
  }
  redirect(safeNextPath(form.get('next')));
}

/** Ends this browser's session (the API clears the cookie) and shows the sign-in page. */
export async function signOut(): Promise<void> {
  await backendResponse('/api/auth/logout', { method: 'POST' })
    .then(relayCookies)
    .catch(() => undefined);
  redirect('/signin');
}
