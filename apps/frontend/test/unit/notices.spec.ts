import { signInNoticeText, signInWithNotice } from '../../src/lib/notices';

describe('sign-in notices', () => {
  it('links to the sign-in page with a notice that page can read back', () => {
    const url = new URL(signInWithNotice('account-deleted'), 'http://ui.test');
    expect(url.pathname).toBe('/signin');
    expect(signInNoticeText(url.searchParams.get('notice') ?? undefined)).toBe(
      'Your account and all its tasks have been deleted.',
    );
    expect(signInNoticeText(['signed-out-everywhere', 'account-deleted'])).toBe(
      'You have been signed out on every device.',
    );
  });

  it('shows nothing for a missing or unknown key, so a link cannot put its own words on the page', () => {
    expect(signInNoticeText(undefined)).toBeUndefined();
    expect(signInNoticeText('You won a prize')).toBeUndefined();
    expect(signInNoticeText('toString')).toBeUndefined();
    expect(signInNoticeText('__proto__')).toBeUndefined();
  });
});
