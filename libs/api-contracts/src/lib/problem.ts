import { z } from 'zod';

/** One invalid input: where it was, which field, and what is wrong with it. */
export const fieldErrorSchema = z
  .object({
    location: z.enum(['body', 'querystring', 'params', 'headers']),
    field: z.string().describe('Dotted path of the field at fault; empty for the whole input'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

/**
 * Every error the API returns has this shape: RFC 9457 problem details
 * (`application/problem+json`), plus `errors` listing each invalid field on a 400.
 */
export const problemSchema = z
  .object({
    type: z.string().describe('URI reference that identifies the problem type'),
    title: z.string().describe('Short, human-readable summary of the problem type'),
    status: z.number().int().describe('HTTP status code'),
    detail: z.string().describe('Human-readable explanation of this occurrence'),
    instance: z.string().describe('Request path of this occurrence'),
    requestId: z.string().describe('Echoed in the x-request-id header and in the server logs'),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem' });

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;
