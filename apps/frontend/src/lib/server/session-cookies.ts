import 'server-only';
import { cookies } from 'next/headers';
import { parseSetCookie } from '../set-cookie';

/**
 * The API sets and clears the session cookie; when the UI's server calls it on the browser's
 * behalf, the cookies it sets are handed on to the browser unchanged.
 */
export async function relayCookies(response: Response): Promise<void> {
  const store = await cookies();
  for (const header of response.headers.getSetCookie()) {
    const { name, value, options } = parseSetCookie(header);
    if (name) store.set(name, value, options);
  }
}
