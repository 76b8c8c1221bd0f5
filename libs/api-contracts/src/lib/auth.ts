import { z } from 'zod';

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './limits';

export const emailSchema = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'Email must be at most 254 characters', abort: true })
  // A check, not a pipe: the schema clients are generated from then says `format: email` too.
  .check(z.email({ error: 'Enter a valid email address' }))
  .meta({ description: 'Surrounding spaces are ignored; compared and stored in lower case' });

export const passwordSchema = z
  .string({ error: 'Password is required' })
  .min(PASSWORD_MIN_LENGTH, {
    error: `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  .max(PASSWORD_MAX_LENGTH, {
    error: `Password must be at most ${PASSWORD_MAX_LENGTH} characters`,
  })
  .regex(/\S/, { error: 'Password must not be only spaces' });

/** A new account's: the password must follow the rules. */
export const credentialsSchema = z
  .strictObject({ email: emailSchema, password: passwordSchema })
  .meta({ id: 'Credentials' });

/**
 * A password being presented, not chosen: checked against the stored hash only, so an account
 * whose password predates a rule can still prove it.
 */
const presentedPasswordSchema = z
  .string({ error: 'Password is required' })
  .min(1, { error: 'Password is required' })
  .max(PASSWORD_MAX_LENGTH, {
    error: `Password must be at most ${PASSWORD_MAX_LENGTH} characters`,
  });

/** Signing in: any password up to the length limit is checked against the stored hash. */
export const signInSchema = z
  .strictObject({ email: emailSchema, password: presentedPasswordSchema })
  .meta({ id: 'SignIn' });

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

/** Sign-in answer for browsers: the token itself travels only in the httpOnly cookie. */
export const sessionSchema = z
  .object({ user: userSchema, expiresAt: z.iso.datetime() })
  .meta({ id: 'Session' });

export const currentUserSchema = z.object({ user: userSchema }).meta({ id: 'CurrentUser' });

export type Credentials = z.input<typeof credentialsSchema>;
export type SignIn = z.input<typeof signInSchema>;
export type User = z.infer<typeof userSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const tokenSessionSchema = z
  .object({
    user: userSchema,
    token: z.string().describe('Send as `Authorization: Bearer <token>`'),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'TokenSession' });

export type TokenSession = z.infer<typeof tokenSessionSchema>;

export const changePasswordSchema = z
  .strictObject({ currentPassword: presentedPasswordSchema, newPassword: passwordSchema })
  .meta({ id: 'ChangePassword' });

export const deleteAccountSchema = z
  .strictObject({ password: presentedPasswordSchema })
  .meta({ id: 'DeleteAccount' });

export type ChangePassword = z.input<typeof changePasswordSchema>;
export type DeleteAccount = z.input<typeof deleteAccountSchema>;

export const sessionKinds = ['cookie', 'token'] as const;

/** One of the signed-in user's live sessions: a browser sign-in (cookie) or a bearer token. */
export const activeSessionSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(sessionKinds),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    current: z.boolean().describe('The session this request was made with'),
  })
  .meta({ id: 'ActiveSession' });

export const activeSessionsSchema = z
  .object({ items: z.array(activeSessionSchema) })
  .meta({ id: 'ActiveSessions' });

export const activeSessionParamsSchema = z.strictObject({
  id: z.uuid({ error: 'Session id must be a UUID' }),
});

export type ActiveSession = z.infer<typeof activeSessionSchema>;
export type ActiveSessions = z.infer<typeof activeSessionsSchema>;
