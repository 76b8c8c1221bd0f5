import type { FieldError, Problem } from '@todo/api-contracts';

/** What the UI says when the API cannot be reached at all. */
export const API_UNREACHABLE = 'The API is unreachable; try again shortly';

/** A failed API call, with the problem body when the API sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? (status === 0 ? API_UNREACHABLE : `Request failed (${status})`));
  }

  /** Field messages keyed by field name, for showing next to inputs. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(
      (this.problem?.errors ?? []).map((error: FieldError) => [error.field, error.message]),
    );
  }
}
