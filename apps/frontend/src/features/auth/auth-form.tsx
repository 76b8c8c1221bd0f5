'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { credentialsSchema, PASSWORD_MIN_LENGTH, signInSchema } from '@todo/api-contracts';
import { api } from '../../lib/api-client';
import { useFormSubmit } from '../../lib/use-form-submit';

const COPY = {
  signin: {
    heading: 'Sign in',
    submit: 'Sign in',
    busy: 'Signing in…',
    endpoint: '/api/auth/login',
    // Any password is checked against the account's; the rules are for choosing one.
    schema: signInSchema,
  },
  signup: {
    heading: 'Create your account',
    submit: 'Create account',
    busy: 'Creating account…',
    endpoint: '/api/auth/register',
    schema: credentialsSchema,
  },
} as const;

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
  const router = useRouter();
  const copy = COPY[mode];
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, message, busy, validate, send } = useFormSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const credentials = validate(copy.schema, { email, password });
    if (!credentials) return;
    const sent = await send(() => api(copy.endpoint, { method: 'POST', body: credentials }), {
      leaving: true,
    });
    if (!sent) return;
    router.replace(next);
    router.refresh();
  }

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
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={errors['email'] ? true : undefined}
            aria-describedby={errors['email'] ? 'email-error' : undefined}
          />
          {errors['email'] ? (
            <p className="field-error" id="email-error">
              {errors['email']}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
            required
            minLength={PASSWORD_MIN_LENGTH}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={errors['password'] ? true : undefined}
            aria-describedby={
              errors['password']
                ? 'password-error'
                : mode === 'signup'
                  ? 'password-hint'
                  : undefined
            }
          />
          {mode === 'signup' ? (
            <p className="hint" id="password-hint">
              At least {PASSWORD_MIN_LENGTH} characters.
            </p>
          ) : null}
          {errors['password'] ? (
            <p className="field-error" id="password-error">
              {errors['password']}
            </p>
          ) : null}
        </div>
        <p className="form-message" role="alert" aria-live="assertive">
          {message}
        </p>
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? copy.busy : copy.submit}
        </button>
      </form>
      <p className="switch">
        <a href={other.href}>{other.text}</a>
      </p>
    </section>
  );
}
