import { useState } from 'react';
import type { z } from 'zod';
import { ApiError } from './api-client';
import { fieldMessages } from './validation';

/**
 * The cycle every form here shares: check the input with the API's own schema before sending,
 * keep the submit button busy while sending, and show the API's field errors and message when
 * it refuses. It never touches what the user typed.
 */
export function useFormSubmit() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  /** The parsed input, or undefined after showing why it is not valid. */
  function validate<Schema extends z.ZodType>(
    schema: Schema,
    input: unknown,
  ): z.output<Schema> | undefined {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    setErrors(fieldMessages(parsed.error));
    setMessage('Check the highlighted fields.');
    return undefined;
  }

  /**
   * Runs the request; true when it succeeded. With `leaving`, the button stays busy after
   * success because the page is navigating away (no second submit in the meantime).
   */
  async function send(request: () => Promise<unknown>, { leaving = false } = {}) {
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      await request();
      if (!leaving) setBusy(false);
      return true;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, undefined);
      setErrors(apiError.fieldErrors());
      setMessage(apiError.message);
      setBusy(false);
      return false;
    }
  }

  return { errors, message, busy, validate, send };
}
