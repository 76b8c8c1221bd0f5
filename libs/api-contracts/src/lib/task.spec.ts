import {
  createTaskSchema,
  taskQuerySchema,
  updateTaskSchema,
  TAGS_MAX_COUNT,
  TITLE_MAX_LENGTH,
} from '../index';

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
