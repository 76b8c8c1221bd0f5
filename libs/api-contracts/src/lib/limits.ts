// The contract's limits and choices as plain values, without zod: a browser bundle that needs
// only these (a select's options, an input's maxLength) imports `@todo/api-contracts/limits` and
// stays free of the schemas. The schemas use the same values.

export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 1000;
export const TAGS_MAX_COUNT = 10;
export const TAG_MAX_LENGTH = 30;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;
/**
 * How long a deleted task can be restored (undo): `POST /api/tasks/{id}/restore` answers 404
 * after it. Deleted tasks wait in a trash table; the API's periodic sweep (or the user's next
 * delete) removes them for good once this window has passed.
 */
export const TASK_RESTORE_WINDOW_SECONDS = 10 * 60;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const taskPriorities = ['low', 'medium', 'high'] as const;
export const taskStatuses = ['all', 'pending', 'completed'] as const;
export const taskSortFields = ['created', 'updated', 'due', 'priority', 'title'] as const;
export const sortOrders = ['asc', 'desc'] as const;
