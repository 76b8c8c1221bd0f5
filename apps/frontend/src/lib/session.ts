import { cookies } from 'next/headers';
import type { User } from '@todo/api-contracts';
import { readEnv } from './env';

/** The signed-in user, asked of the API with the browser's session cookie; null when signed out. */
export async function currentUser(): Promise<User | null> {
  const cookie = (await cookies()).toString();
  if (!cookie) return null;
  const response = await fetch(new URL('/api/auth/me', readEnv().BACKEND_URL), {
    headers: { cookie },
    cache: 'no-store',
  });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`The API answered ${response.status} to /api/auth/me`);
  return ((await response.json()) as { user: User }).user;
}

/** Only same-site paths may be returned to after sign-in (no open redirects). */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/';
}
