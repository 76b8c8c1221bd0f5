import 'server-only';
import type { TaskPage } from '@todo/api-contracts';
import { ApiError } from '../../lib/api-error';
import { backend } from '../../lib/server/backend';
import { apiQuery, PAGE_SIZE, type ListView } from '../../lib/query-state';

/** A page of the list, or why the API could not give one (the page says so in its place). */
export type ListResult = { page: TaskPage } | { error: string };

/**
 * The first `pages` pages of a view, with the user's counts, in one request to the API. It runs
 * alongside the session check, so a lost session is that check's to handle (sign in, then back
 * to this very view), not a redirect from here.
 */
export async function listTasks(view: ListView, pages: number): Promise<ListResult> {
  try {
    const path = `/api/tasks?${apiQuery(view, PAGE_SIZE * pages, 0)}`;
    return { page: await backend<TaskPage>(path, { signInOnExpiry: false }) };
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
}
