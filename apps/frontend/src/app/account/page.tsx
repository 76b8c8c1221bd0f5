import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '../../features/account/change-password-form';
import { DeleteAccountForm } from '../../features/account/delete-account-form';
import { SignOutEverywhere } from '../../features/account/sign-out-everywhere';
import { currentUser } from '../../lib/session';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await currentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent('/account')}`);
  return (
    <div className="account-page">
      <div className="page-header">
        <h1>Your account</h1>
        <p className="email">Signed in as {user.email}</p>
        <a href="/">Back to your tasks</a>
      </div>
      <ChangePasswordForm />
      <SignOutEverywhere />
      <DeleteAccountForm />
    </div>
  );
}
