/** The server that `tools/test-services/postgres.sh` starts; override with TEST_DATABASE_URL. */
export const ADMIN_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://todo_test:todo_test@127.0.0.1:5432/postgres';

export const TEMPLATE_DATABASE = 'todo_test_template';

/** The same server, another database. */
export function databaseUrl(name: string, base = ADMIN_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
