/**
 * Fields of an error that hold the data a query was given or found: drizzle's `params` (the
 * session token's hash, titles, emails…) and PostgreSQL's `detail`, which quotes row values
 * ("Key (email)=(…) already exists", "Failing row contains (…)").
 */
const DATA_FIELDS = ['params', 'detail'];
// Those, and the fields serialized on their own (`cause`, AggregateError's `errors`).
const SKIPPED_FIELDS = new Set([...DATA_FIELDS, 'cause', 'errors']);

// DrizzleQueryError's message is `Failed query: <sql>\nparams: <values>`; the values come last.
const PARAMS_IN_MESSAGE = /\nparams: [\s\S]*$/;
// In a stack trace they end where the first frame starts.
const PARAMS_IN_STACK = /\nparams: [\s\S]*?(?=\n {4}at |$)/;

export interface SerializedError {
  type: string;
  message: string;
  stack: string;
  cause?: SerializedError;
  aggregateErrors?: SerializedError[];
  [field: string]: unknown;
}

interface ErrorLike {
  message: string;
  stack?: unknown;
  name?: unknown;
  cause?: unknown;
  errors?: unknown;
  params?: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return !!value && typeof value === 'object' && typeof (value as ErrorLike).message === 'string';
}

/** The text without the query parameters: the exact ones first, then anything shaped like them. */
function withoutParams(text: string, error: ErrorLike, pattern: RegExp): string {
  const exact = 'params' in error ? `\nparams: ${String(error.params)}` : undefined;
  return (exact ? text.replace(exact, '') : text).replace(pattern, '');
}

function serialize(error: ErrorLike, seen: Set<object>): SerializedError {
  seen.add(error);
  const constructorName = (error as { constructor?: { name?: unknown } }).constructor?.name;
  const serialized: SerializedError = {
    type: typeof constructorName === 'string' ? constructorName : String(error.name ?? 'Error'),
    message: withoutParams(error.message, error, PARAMS_IN_MESSAGE),
    stack:
      typeof error.stack === 'string' ? withoutParams(error.stack, error, PARAMS_IN_STACK) : '',
  };
  const nested = (value: unknown) =>
    isErrorLike(value) && !seen.has(value) ? serialize(value, seen) : undefined;
  const cause = nested(error.cause);
  if (cause) serialized.cause = cause;
  if (Array.isArray(error.errors)) {
    serialized.aggregateErrors = error.errors.flatMap((item) => nested(item) ?? []);
  }
  for (const [key, value] of Object.entries(error)) {
    if (Object.hasOwn(serialized, key) || SKIPPED_FIELDS.has(key)) continue;
    serialized[key] = isErrorLike(value) ? nested(value) : value;
  }
  return serialized;
}

/**
 * The logger's `err` serializer (and the last words of a crashing process): type, message,
 * stack and the error's own fields, with its `cause` chain nested (the driver's `code`,
 * `errno`, `syscall`, `hostname` and message say why the database was unreachable), but never
 * the query parameters: drizzle puts them in DrizzleQueryError's `params` and its message,
 * and they include the session token's hash and users' data. The SQL text (`query`) stays.
 */
export function serializeError(error: Error): SerializedError;
export function serializeError(error: unknown): unknown;
export function serializeError(error: unknown): unknown {
  return isErrorLike(error) ? serialize(error, new Set()) : error;
}
