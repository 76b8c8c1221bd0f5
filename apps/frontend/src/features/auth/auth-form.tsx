'use client';

import { useActionState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@todo/api-contracts/limits';
import { Field } from '../../components/field';
import { SubmitButton } from '../../components/submit-button';
import { IDLE } from '../../lib/form-state';
import { signIn, signUp } from './actions';

const COPY = {
  signin: { heading: 'Sign in', submit: 'Sign in', busy: 'Signing in…' },
  signup: { heading: 'Create your account', submit: 'Create account', busy: 'Creating account…' },
} as const;

/** Sign in or sign up; a server action, so it works before (and without) JavaScript. */
export function AuthForm({
  mode,
  next,
  notice,
}: {
  mode: 'signin' | 'signup';
  next: string;
  /** A line about what just happened, e.g. that the account was deleted. */
  notice?: string;
}) {
  const copy = COPY[mode];
  const [state, action] = useActionState(mode === 'signin' ? signIn : signUp, IDLE);
  const other =
    mode === 'signin'
      ? { href: `/signup?next=${encodeURIComponent(next)}`, text: 'New here? Create an account' }
      : {
          href: `/signin?next=${encodeURIComponent(next)}`,
          text: 'Already have an account? Sign in',
        };

  return (
    <section className="auth-card" aria-labelledby="auth-heading">
      <h1 id="auth-heading">{copy.heading}</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form action={action} noValidate>
        <input type="hidden" name="next" value={next} />
        <Field
          label="Email"
          name="email"
          id="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values?.email}
          error={state.errors['email']}
        />
        <Field
          label="Password"
          name="password"
          id="password"
          type="password"
          autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
          required
          minLength={PASSWORD_MIN_LENGTH}
          description={
            mode === 'signup' ? `At least ${PASSWORD_MIN_LENGTH} characters.` : undefined
          }
          error={state.errors['password']}
        />
        <p className="form-message" role="alert" aria-live="assertive">
          {state.message}
        </p>
        <SubmitButton label={copy.submit} busyLabel={copy.busy} />
      </form>
      <p className="switch">
        <a href={other.href}>{other.text}</a>
      </p>
    </section>
  );
}
