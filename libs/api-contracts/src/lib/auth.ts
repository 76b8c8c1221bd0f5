import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const emailSchema = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'Email must be at most 254 characters' })
  .pipe(z.email({ error: 'Enter a valid email address' }));

export const passwordSchema = z
  .string({ error: 'Password is required' })
  .min(PASSWORD_MIN_LENGTH, {
    error: `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  .max(PASSWORD_MAX_LENGTH, {
    error: `Password must be at most ${PASSWORD_MAX_LENGTH} characters`,
  });

export const credentialsSchema = z
  .strictObject({ email: emailSchema, password: passwordSchema })
  .meta({ id: 'Credentials' });

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
