/** The attributes of a `Set-Cookie` header that Next's cookie store takes. */
export interface CookieOptions {
  path?: string;
  domain?: string;
  maxAge?: number;
  expires?: Date;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
}

/** One `Set-Cookie` header as a name, a value and its attributes (RFC 6265 §5.2). */
export function parseSetCookie(header: string) {
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  const split = pair.indexOf('=');
  const options: CookieOptions = {};
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
      options.sameSite = value.toLowerCase() as CookieOptions['sameSite'];
  }
  return { name: pair.slice(0, split), value: decodeURIComponent(pair.slice(split + 1)), options };
}
