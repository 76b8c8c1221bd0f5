import type { z } from 'zod';

/** First message per field from a failed zod parse, keyed like the API's `errors[].field`. */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'form';
    const key = field.replace(/\.\d+$/, '');
    messages[key] ??= issue.message;
  }
  return messages;
}
