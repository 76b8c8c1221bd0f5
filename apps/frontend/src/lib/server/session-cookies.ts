import 'server-only';
import { cookies } from 'next/headers';

type CookieOptions = Parameters<Awaited<ReturnType<typeof cookies>>['set']>[2];

/** One `Set-Cookie` header as Next's cookie store takes it. */
export function parseSetCookie(header: string) {
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  const split = pair.indexOf('=');
  const options: NonNullable<CookieOptions> = {};
  for (const attribute of attributes) {
    const [key = '', value = ''] = attribute.split('=', 2);
    const name = key.toLowerCase();
    if (name === 'path') options.path = value;
    else if (name === 'domain') options.domain = value;
    else if (name === 'max-age') options.maxAge = Number(value);
    else if (name === 'expires') options.expires = new Date(value);
    else if (name === 'httponly') options.httpOnly = true;
    else if (name === 'secure') options.secure = true;
    else if (name === 'samesite')
      options.sameSite = value.toLowerCase() as 'lax' | 'strict' | 'none';
  }
  return { name: pair.slice(0, split), value: decodeURIComponent(pair.slice(split + 1)), options };
}

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
