import type { FieldError, Problem } from '@todo/api-contracts';

/** A failed API call, with the problem body when the API sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(
      problem?.detail ??
        (status === 0
          ? 'Cannot reach the server; check your connection'
          : `Request failed (${status})`),
    );
  }

  /** Field messages keyed by field name, for showing next to inputs. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(
      (this.problem?.errors ?? []).map((error: FieldError) => [error.field, error.message]),
    );
  }
}

/** Calls the same-origin API; resolves with the JSON body, rejects with ApiError. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, undefined);
  }
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body as Problem | undefined);
  return body as T;
}
