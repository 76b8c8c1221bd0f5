import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthForm } from '../../features/auth/auth-form';
import { signInNoticeText } from '../../lib/notices';
import { currentUser, safeNextPath } from '../../lib/session';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; notice?: string | string[] }>;
}) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await currentUser()) redirect(next);
  return <AuthForm mode="signin" next={next} notice={signInNoticeText(params.notice)} />;
}
