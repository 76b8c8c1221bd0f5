import { z } from 'zod';

import {
  DESCRIPTION_MAX_LENGTH,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  sortOrders,
  TAG_MAX_LENGTH,
  TAGS_MAX_COUNT,
  taskPriorities,
  taskSortFields,
  taskStatuses,
  TITLE_MAX_LENGTH,
} from './limits';

export const taskPrioritySchema = z
  .enum(taskPriorities, { error: 'Priority must be low, medium or high' })
  .meta({ id: 'TaskPriority' });

// NUL cannot be stored in PostgreSQL text, other control characters are invisible junk, and
// lone UTF-16 surrogates would silently turn into U+FFFD: refuse them all with a clear message.
// Whole-string patterns, so the OpenAPI document states the same rule as a `pattern`; the `u`
// flag reads a surrogate pair as one character, leaving only a lone half in the excluded range.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const STORABLE_LINE = /^[^\u0000-\u001F\u007F\uD800-\uDFFF]*$/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const STORABLE_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF]*$/u;
/** Some character other than whitespace (`\s` is exactly what `trim()` removes). */
const NOT_BLANK = /\S/u;

/** Refines a string schema to text that can be stored and shown as typed. */
function storable(schema: z.ZodString, field: string, { multiline = false } = {}): z.ZodString {
  return schema.regex(multiline ? STORABLE_TEXT : STORABLE_LINE, {
    error: `${field} contains characters that are not allowed`,
  });
}

/**
 * Refuses text that is empty once trimmed. Checked before the trim, on the text as sent, so the
 * document's `pattern` says it; it ends the checks, so the `min(1)` after the trim (kept for the
 * document's `minLength`) never repeats the message.
 */
function notBlank(schema: z.ZodString, error: string): z.ZodString {
  return schema.regex(NOT_BLANK, { error, abort: true });
}

export const titleSchema = notBlank(
  storable(z.string({ error: 'Title is required' }), 'Title'),
  'Title is required',
)
  .trim()
  .min(1, { error: 'Title is required' })
  .max(TITLE_MAX_LENGTH, { error: `Title must be at most ${TITLE_MAX_LENGTH} characters` });

/** Blank descriptions are stored as null, so "no description" has one representation. */
export const descriptionSchema = storable(
  z.string({ error: 'Description must be text' }),
  'Description',
  { multiline: true },
)
  .trim()
  .max(DESCRIPTION_MAX_LENGTH, {
    error: `Description must be at most ${DESCRIPTION_MAX_LENGTH} characters`,
  })
  .nullable()
  .transform((value) => (value ? value : null));

export const tagSchema = notBlank(
  storable(z.string({ error: 'Each tag must be text' }), 'Tag'),
  'Tags cannot be empty',
)
  .trim()
  .min(1, { error: 'Tags cannot be empty' })
  .max(TAG_MAX_LENGTH, { error: `Each tag must be at most ${TAG_MAX_LENGTH} characters` });

/** Tags are compared case-insensitively and stored lower case, each once. */
export const tagsSchema = z
  .array(tagSchema.toLowerCase(), { error: 'Tags must be a list' })
  .max(TAGS_MAX_COUNT, { error: `At most ${TAGS_MAX_COUNT} tags` })
  .transform((tags) => [...new Set(tags)]);

/** A calendar date (YYYY-MM-DD): a task is due on a day, not at an instant. */
export const dateSchema = z.iso
  .date({ error: 'Use a date in the form YYYY-MM-DD' })
  // The calendar has no year 0 (PostgreSQL refuses it).
  .refine((date) => !date.startsWith('0000'), { error: 'Use a date from the year 1 on' });

export const taskSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    completed: z.boolean(),
    priority: taskPrioritySchema,
    tags: z.array(z.string()),
    dueDate: z.string().nullable().describe('YYYY-MM-DD'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Task' });

const taskFields = {
  title: titleSchema,
  description: descriptionSchema.optional(),
  priority: taskPrioritySchema.optional(),
  tags: tagsSchema.optional(),
  dueDate: dateSchema.nullable().optional(),
};

export const createTaskSchema = z.strictObject(taskFields).meta({ id: 'CreateTask' });

/** Every field of a task a client may set; the change schemas below are derived from it. */
export const taskChangesSchema = z.strictObject({
  ...taskFields,
  completed: z.boolean({ error: 'Completed must be true or false' }).optional(),
});

/** PUT replaces the whole task: fields left out go back to their defaults. */
export const replaceTaskSchema = taskChangesSchema.meta({ id: 'ReplaceTask' });

/** Refuses `{}`, and says so where clients read the rule: `minProperties: 1` in the document. */
function atLeastOneField<Schema extends z.ZodObject>(schema: Schema, error: string): Schema {
  return schema
    .refine((fields) => Object.keys(fields).length > 0, { error })
    .meta({ minProperties: 1 });
}

/** PATCH changes any of the fields, at least one. */
export const updateTaskSchema = atLeastOneField(
  taskChangesSchema.partial(),
  'Send at least one field to change',
).meta({ id: 'UpdateTask' });

export const taskIdParamsSchema = z.strictObject({
  id: z.uuid({ error: 'Task id must be a UUID' }),
});

// No component id: OpenAPI lists query parameters one by one, which needs the schema inline.
export const taskQuerySchema = z.strictObject({
  status: z
    .enum(taskStatuses, { error: 'Status must be all, pending or completed' })
    .default('all'),
  priority: taskPrioritySchema.optional(),
  tag: tagSchema.toLowerCase().optional(),
  q: storable(z.string(), 'Search')
    .trim()
    .max(TITLE_MAX_LENGTH, { error: `Search must be at most ${TITLE_MAX_LENGTH} characters` })
    .optional()
    .describe('Case-insensitive text searched in title and description'),
  dueBefore: dateSchema.optional().describe('Only tasks due strictly before this date'),
  dueAfter: dateSchema.optional().describe('Only tasks due strictly after this date'),
  sort: z
    .enum(taskSortFields, {
      error: 'Sort must be one of created, updated, due, priority, title',
    })
    .default('created'),
  order: z.enum(sortOrders, { error: 'Order must be asc or desc' }).default('desc'),
  limit: z.coerce
    .number({ error: 'Limit must be a number' })
    .int({ error: 'Limit must be a whole number' })
    .min(1, { error: 'Limit must be at least 1' })
    .max(PAGE_SIZE_MAX, { error: `Limit must be at most ${PAGE_SIZE_MAX}` })
    .default(PAGE_SIZE_DEFAULT),
  offset: z.coerce
    .number({ error: 'Offset must be a number' })
    .int({ error: 'Offset must be a whole number' })
    .min(0, { error: 'Offset cannot be negative' })
    .max(1_000_000, { error: 'Offset must be at most 1000000' })
    .default(0),
});

const count = z.number().int().min(0);

/** Counted with the page, so a UI can say "3 of 12 left" without asking again. */
export const taskCountsSchema = z
  .object({
    all: count.describe('All your tasks'),
    pending: count.describe('Your tasks not completed'),
    completed: count.describe('Your completed tasks'),
  })
  .describe('Your tasks counted regardless of the filters of this list');

export const taskPageSchema = z
  .object({
    items: z.array(taskSchema),
    total: z.number().int().describe('Tasks matching the filters, across all pages'),
    limit: z.number().int(),
    offset: z.number().int(),
    counts: taskCountsSchema,
  })
  .meta({ id: 'TaskPage' });

export type TaskPriority = z.infer<typeof taskPrioritySchema>;
export type Task = z.infer<typeof taskSchema>;
export type CreateTask = z.input<typeof createTaskSchema>;
export type ReplaceTask = z.input<typeof replaceTaskSchema>;
export type UpdateTask = z.input<typeof updateTaskSchema>;
export type TaskQueryInput = z.input<typeof taskQuerySchema>;
export type TaskQuery = z.output<typeof taskQuerySchema>;
export type TaskCounts = z.infer<typeof taskCountsSchema>;
export type TaskPage = z.infer<typeof taskPageSchema>;
