import { z } from 'zod';
import {
  createTaskSchema,
  taskPageSchema,
  taskQuerySchema,
  updateTaskSchema,
  TAGS_MAX_COUNT,
  TITLE_MAX_LENGTH,
} from '@todo/api-contracts';

describe('createTaskSchema', () => {
  it('trims the title, de-duplicates tags case-insensitively and stores blank descriptions as null', () => {
    const parsed = createTaskSchema.parse({
      title: '  Buy milk  ',
      description: '   ',
      tags: ['Home', 'home', ' errands '],
    });
    expect(parsed).toEqual({ title: 'Buy milk', description: null, tags: ['home', 'errands'] });
  });

  it('rejects a title that is blank after trimming or longer than the limit', () => {
    expect(createTaskSchema.safeParse({ title: '   ' }).error?.issues[0]?.message).toBe(
      'Title is required',
    );
    const tooLong = createTaskSchema.safeParse({ title: 'x'.repeat(TITLE_MAX_LENGTH + 1) });
    expect(tooLong.error?.issues[0]?.message).toBe(
      `Title must be at most ${TITLE_MAX_LENGTH} characters`,
    );
  });

  it('rejects unknown fields, too many tags and malformed dates', () => {
    const result = createTaskSchema.safeParse({
      title: 'ok',
      owner: 'someone',
      tags: Array.from({ length: TAGS_MAX_COUNT + 1 }, (_, i) => `t${i}`),
      dueDate: '2026-13-45',
    });
    const paths = result.error?.issues.map((issue) => issue.path.join('.') || issue.code);
    expect(paths).toEqual(expect.arrayContaining(['unrecognized_keys', 'tags', 'dueDate']));
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(createTaskSchema.safeParse({ title: 't', dueDate: '2028-02-29' }).success).toBe(true);
    expect(createTaskSchema.safeParse({ title: 't', dueDate: '2027-02-29' }).success).toBe(false);
    expect(
      createTaskSchema.safeParse({ title: 't', dueDate: '0000-01-01' }).error?.issues[0]?.message,
    ).toBe('Use a date from the year 1 on');
  });
});

describe('updateTaskSchema', () => {
  it('needs at least one field', () => {
    expect(updateTaskSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'Send at least one field to change',
    );
    expect(updateTaskSchema.parse({ completed: true })).toEqual({ completed: true });
  });
});

describe('taskQuerySchema', () => {
  it('fills defaults and coerces numbers from the query string', () => {
    expect(taskQuerySchema.parse({ limit: '5', tag: 'Work' })).toEqual({
      status: 'all',
      sort: 'created',
      order: 'desc',
      limit: 5,
      offset: 0,
      tag: 'work',
    });
  });

  it('caps the page size', () => {
    expect(taskQuerySchema.safeParse({ limit: '101' }).error?.issues[0]?.message).toBe(
      'Limit must be at most 100',
    );
  });
});

describe('taskPageSchema', () => {
  const page = { items: [], total: 0, limit: 20, offset: 0 };

  it('needs the user’s counts, whole numbers from 0', () => {
    const counts = { all: 3, pending: 2, completed: 1 };
    expect(taskPageSchema.parse({ ...page, counts })).toEqual({ ...page, counts });
    expect(taskPageSchema.safeParse(page).success).toBe(false);
    expect(taskPageSchema.safeParse({ ...page, counts: { ...counts, all: -1 } }).success).toBe(
      false,
    );
  });

  it('documents the counts as independent of the filters', () => {
    const counts = z.toJSONSchema(taskPageSchema.shape.counts) as {
      description?: string;
      required?: string[];
    };
    expect(counts.description).toMatch(/regardless of the filters/);
    expect(counts.required).toEqual(['all', 'pending', 'completed']);
  });
});

describe('text that cannot be stored as typed', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a control character', 'bell\u0007'],
    ['a lone surrogate', 'broken \ud800 pair'],
    ['a newline in a one-line field', 'two\nlines'],
  ])('rejects %s in the title, naming the field', (_, title) => {
    expect(createTaskSchema.safeParse({ title }).error?.issues[0]?.message).toBe(
      'Title contains characters that are not allowed',
    );
  });

  it('accepts emoji, accents and line breaks in descriptions', () => {
    expect(
      createTaskSchema.parse({ title: 'Café ☕ 🎉', description: 'line one\nline two\ttabbed' }),
    ).toMatchObject({ title: 'Café ☕ 🎉', description: 'line one\nline two\ttabbed' });
  });

  it('checks tags and the search text too', () => {
    expect(
      createTaskSchema.safeParse({ title: 'ok', tags: ['a\u0000'] }).error?.issues[0]?.message,
    ).toBe('Tag contains characters that are not allowed');
    expect(taskQuerySchema.safeParse({ q: '\u0000' }).error?.issues[0]?.message).toBe(
      'Search contains characters that are not allowed',
    );
  });
});
