import { DrizzleQueryError } from 'drizzle-orm';
import { serializeError } from '../../src/lib/error-serializer';

const QUERY = 'insert into "tasks" ("title", "description") values ($1, $2)';

describe('serializeError', () => {
  it('keeps the SQL text and the cause, and drops every query parameter, even one spanning lines', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND todo-postgresql'), {
      errno: -3008,
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: 'todo-postgresql',
    });
    const error = new DrizzleQueryError(QUERY, ['secret title', 'line 1\n    at line 2'], cause);
    const serialized = serializeError(error) as Record<string, unknown>;

    expect(JSON.stringify(serialized)).not.toMatch(/secret title|line [12]|params/);
    expect(serialized).toMatchObject({
      type: 'DrizzleQueryError',
      message: `Failed query: ${QUERY}`,
      query: QUERY,
      cause: {
        type: 'Error',
        message: 'getaddrinfo ENOTFOUND todo-postgresql',
        code: 'ENOTFOUND',
        errno: -3008,
        syscall: 'getaddrinfo',
        hostname: 'todo-postgresql',
      },
    });
    expect(serialized['stack']).toMatch(new RegExp(`^Error: Failed query: .*\\n {4}at `));
  });

  it('drops PostgreSQL’s detail, which quotes row values, and keeps its code and constraint', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: 'Key (email)=(someone@example.test) already exists.',
      constraint: 'users_email_unique',
    });
    const text = JSON.stringify(serializeError(new DrizzleQueryError(QUERY, ['x', 'y'], cause)));
    expect(text).not.toContain('someone@example.test');
    expect(text).toContain('"code":"23505"');
    expect(text).toContain('"constraint":"users_email_unique"');
  });

  it('strips parameters quoted in a message that wraps a failed query’s', () => {
    const inner = new DrizzleQueryError('select 1 where $1', ['token-hash']);
    const wrapper = new Error(`while signing in: ${inner.message}`, { cause: inner });
    expect(JSON.stringify(serializeError(wrapper))).not.toContain('token-hash');
  });

  it('serializes aggregate errors and circular causes, and passes non-errors through', () => {
    const first = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), {
      code: 'ECONNREFUSED',
    });
    const aggregate = new AggregateError([first], 'all addresses failed');
    const circular = new Error('loop') as Error & { cause?: unknown };
    circular.cause = circular;
    expect(serializeError(aggregate)).toMatchObject({
      type: 'AggregateError',
      aggregateErrors: [{ code: 'ECONNREFUSED' }],
    });
    expect(serializeError(circular)).not.toHaveProperty('cause');
    expect(serializeError('plain text')).toBe('plain text');
  });
});
