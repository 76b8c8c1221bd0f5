import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: unguessable, and URL/cookie safe. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored, so a copy of the sessions table cannot be used to sign in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
