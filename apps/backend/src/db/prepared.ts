import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { DB_CASING, type Db } from './client';

const dialect = new PgDialect({ casing: DB_CASING });

/**
 * Named statements of this process at most. Each costs every connection about 80 KB of the
 * server's memory; shapes past this many are still built once, but planned on every call.
 */
export const MAX_PREPARED_STATEMENTS = 32;
let named = 0;

type PreparedQuery = ReturnType<Db['_']['session']['prepareQuery']>;

/**
 * Statements that depend on a request only through their shape (which filters are set, the sort)
 * and take every value as a placeholder (`sql.placeholder('name')`): each shape's text is built
 * once by this process, and parsed and planned once per connection by PostgreSQL (a named
 * prepared statement; PGlite runs it as usual), instead of on every call.
 */
export function preparedStatements(db: Db, prefix: string) {
  const byShape = new Map<string, PreparedQuery>();
  return async function execute<Row>(
    shape: string,
    build: () => SQL,
    values: Record<string, unknown>,
  ): Promise<Row[]> {
    let statement = byShape.get(shape);
    if (!statement) {
      const name = named < MAX_PREPARED_STATEMENTS ? `${prefix}_${++named}` : undefined;
      statement = db._.session.prepareQuery(dialect.sqlToQuery(build()), undefined, name, false);
      byShape.set(shape, statement);
    }
    const { rows } = (await statement.execute(values)) as { rows: Row[] };
    return rows;
  };
}
