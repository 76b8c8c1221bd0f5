export type DatabaseKind = 'pglite' | 'postgres';

const KNOWN: DatabaseKind[] = ['pglite', 'postgres'];

/**
 * The databases the HTTP suites run on: both by default. TODO_TEST_DATABASES narrows it: the quick
 * tier (jest.config.cjs) runs them on PGlite only, the e2e tier (jest.e2e.config.cjs) on
 * PostgreSQL only, so the full suite covers both exactly once.
 */
export const DATABASE_KINDS: DatabaseKind[] = (
  process.env['TODO_TEST_DATABASES'] ?? KNOWN.join(',')
)
  .split(',')
  .map((kind) => kind.trim())
  .filter(Boolean)
  .map((kind) => {
    if (!KNOWN.includes(kind as DatabaseKind))
      throw new Error(
        `TODO_TEST_DATABASES names "${kind}"; use pglite, postgres or both (comma-separated)`,
      );
    return kind as DatabaseKind;
  });
