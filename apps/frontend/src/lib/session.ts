import { cookies } from 'next/headers';
import type { User } from '@todo/api-contracts';
import { ApiError } from './api-error';
import { backend } from './server/backend';

/** The signed-in user, asked of the API with the browser's session cookie; null when signed out. */
export async function currentUser(): Promise<User | null> {
  if ((await cookies()).size === 0) return null;
  try {
    return (await backend<{ user: User }>('/api/auth/me', { signInOnExpiry: false })).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Only same-site paths may be returned to after sign-in (no open redirects). */
export function safeNextPath(next: FormDataEntryValue | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  return typeof value === 'string' &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.startsWith('/\\')
    ? value
    : '/';
}
