import { parseSetCookie } from '../../src/lib/set-cookie';

describe('the API’s Set-Cookie headers, handed on to the browser', () => {
  it('keeps every attribute that protects the session cookie', () => {
    const header =
      'todo_session=abc%2Fdef; Max-Age=604800; Path=/; Expires=Tue, 08 Dec 2026 10:00:00 GMT; HttpOnly; Secure; SameSite=Lax';
    expect(parseSetCookie(header)).toEqual({
      name: 'todo_session',
      value: 'abc/def',
      options: {
        maxAge: 604800,
        path: '/',
        expires: new Date('Tue, 08 Dec 2026 10:00:00 GMT'),
        httpOnly: true,
        secure: true,
        sameSite: 'lax',
      },
    });
  });

  it('reads a clearing cookie (empty value, expired)', () => {
    const { name, value, options } = parseSetCookie(
      'todo_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    );
    expect({ name, value, maxAge: options.maxAge }).toEqual({
      name: 'todo_session',
      value: '',
      maxAge: 0,
    });
  });
});
