/**
 * What the sign-in page may say about what just happened. The URL carries only the key, so no
 * one can put words of their own on the page through a link.
 */
const SIGN_IN_NOTICES = {
  'signed-out-everywhere': 'You have been signed out on every device.',
  'account-deleted': 'Your account and all its tasks have been deleted.',
} as const;

export type SignInNotice = keyof typeof SIGN_IN_NOTICES;

/** The sign-in page's address showing this notice. */
export function signInWithNotice(notice: SignInNotice): string {
  return `/signin?notice=${notice}`;
}

/** The text of a notice key from the URL; undefined for anything unknown. */
export function signInNoticeText(key: string | string[] | undefined): string | undefined {
  const value = Array.isArray(key) ? key[0] : key;
  return value && Object.hasOwn(SIGN_IN_NOTICES, value)
    ? SIGN_IN_NOTICES[value as SignInNotice]
    : undefined;
}
