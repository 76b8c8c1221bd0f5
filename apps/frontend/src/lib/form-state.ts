import type { z } from 'zod';
import { ApiError } from './api-error';
import { fieldMessages } from './validation';

/**
 * What every server action answers: field errors and a message for the form, whether it
 * succeeded, and what was typed, so a refused form (even without JavaScript) shows it again.
 */
export interface FormState {
  ok: boolean;
  errors: Record<string, string>;
  message: string;
  values?: Record<string, string>;
}

export const IDLE: FormState = { ok: false, errors: {}, message: '' };

/** The text fields of a form, to show again after a refusal (passwords are never sent back). */
export function typedValues(form: FormData, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')]));
}

export function succeeded(message: string): FormState {
  return { ok: true, errors: {}, message };
}

/** Input the shared schema refused, in the schema's own words. */
export function invalid(error: z.ZodError, values?: Record<string, string>): FormState {
  return {
    ok: false,
    errors: fieldMessages(error),
    message: 'Check the highlighted fields.',
    values,
  };
}

/** A request the API refused or could not answer; anything else is a bug and is rethrown. */
export function refused(error: unknown, values?: Record<string, string>): FormState {
  if (!(error instanceof ApiError)) throw error;
  return { ok: false, errors: error.fieldErrors(), message: error.message, values };
}
