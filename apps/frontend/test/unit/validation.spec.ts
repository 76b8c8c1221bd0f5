import { createTaskSchema, credentialsSchema } from '@todo/api-contracts';
import { fieldMessages } from '../../src/lib/validation';

describe('fieldMessages', () => {
  it('gives the first message per field, with the API’s wording', () => {
    const result = credentialsSchema.safeParse({ email: 'nope', password: 'short' });
    expect(fieldMessages(result.error!)).toEqual({
      email: 'Enter a valid email address',
      password: 'Password must be at least 8 characters',
    });
  });

  it('files errors of list items under the list field', () => {
    const result = createTaskSchema.safeParse({ title: 'ok', tags: ['fine', 'x'.repeat(31)] });
    expect(fieldMessages(result.error!)).toEqual({
      tags: 'Each tag must be at most 30 characters',
    });
  });
});
