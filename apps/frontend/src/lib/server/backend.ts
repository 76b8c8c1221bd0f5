import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Problem } from '@todo/api-contracts';
import { ApiError } from '../api-error';
import { readEnv } from '../env';
import { relayCookies } from './session-cookies';

interface BackendRequest {
  method?: string;
  body?: unknown;
  /** Whether a lost session sends the user to sign in (the default) or throws a 401. */
  signInOnExpiry?: boolean;
  /** Hand the cookies the API sets (the session cookie) on to the browser. */
  relayCookies?: boolean;
}

/**
 * The UI's one way to the API: server-side, straight to BACKEND_URL, with the browser's session
 * cookie and its address (so per-client sign-in limits still see the person, not this server).
 * Resolves with the JSON answer; throws ApiError; a lost session sends the user to sign in, and
 * back to the page afterwards.
 */
export async function backend<T>(path: string, request: BackendRequest = {}): Promise<T> {
  const outgoing = new Headers({ cookie: (await cookies()).toString() });
  const client = (await headers()).get('x-forwarded-for')?.split(',').pop()?.trim();
  if (client) outgoing.set('x-forwarded-for', client);
  if (request.body !== undefined) outgoing.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(new URL(path, readEnv().BACKEND_URL), {
      method: request.method ?? 'GET',
      headers: outgoing,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, undefined);
  }
  if (response.status === 401 && request.signInOnExpiry !== false) await redirectToSignIn();
  if (!response.ok) {
    throw new ApiError(response.status, (await response.json().catch(() => undefined)) as Problem);
  }
  if (request.relayCookies) await relayCookies(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Back to the page the request came from once signed in again (the sign-in page checks it). */
async function redirectToSignIn(): Promise<never> {
  const referer = (await headers()).get('referer');
  const back = referer ? new URL(referer) : undefined;
  redirect(`/signin?next=${encodeURIComponent(back ? back.pathname + back.search : '/')}`);
}
