import { Socket } from 'node:net';
import { getSystemErrorMap } from 'node:util';
import { Pool } from 'pg';
import type { Database } from '../../src/db/client';

/** The database Service's name under the Helm chart (release `todo`). */
export const DATABASE_HOST = 'todo-postgresql';

/** Which queries an outage affects, by their SQL text; all of them by default. */
export type Affects = (sql: string) => boolean;

export interface Outage {
  /** Puts the database back as it was; the app needs no restart. */
  end(): Promise<void>;
}

function errnoOf(code: string): number | undefined {
  // Node names getaddrinfo's EAI_NONAME "ENOTFOUND" but keeps its errno.
  const name = code === 'ENOTFOUND' ? 'EAI_NONAME' : code;
  for (const [errno, [entry]] of getSystemErrorMap()) if (entry === name) return errno;
  return undefined;
}

/**
 * The error Node's `dns.lookup` (getaddrinfo) gives when a name does not resolve: ENOTFOUND
 * once the Service is gone, EAI_AGAIN while the cluster's DNS cannot answer. Built field by
 * field as Node builds it (lib/internal/errors.js, DNSException), so no test ever asks this
 * machine's resolver for a made-up name.
 */
export function getaddrinfoError(
  code: 'ENOTFOUND' | 'EAI_AGAIN',
  hostname = DATABASE_HOST,
): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), {
    errno: errnoOf(code),
    code,
    syscall: 'getaddrinfo',
    hostname,
  });
}

/** A socket error as Node builds it, e.g. `connect EHOSTUNREACH 10.96.0.20:5432`. */
export function socketError(
  code: string,
  syscall = 'connect',
  address = '10.96.0.20',
  port = 5432,
): NodeJS.ErrnoException {
  const where = syscall === 'connect' ? ` ${address}:${port}` : '';
  return Object.assign(new Error(`${syscall} ${code}${where}`), {
    errno: errnoOf(code),
    code,
    syscall,
    ...(where ? { address, port } : {}),
  });
}

type Query = (...args: unknown[]) => Promise<unknown>;

function sqlOf(query: unknown): string {
  return typeof query === 'string' ? query : String((query as { text?: unknown } | null)?.text);
}

/**
 * Sends the queries that `affects` selects to `replacement` instead of the driver's client
 * (a pg Pool or a PGlite instance, the same one drizzle and every prepared statement use);
 * returns the function that undoes it.
 */
function divertQueries(database: Database, affects: Affects, replacement: Query): () => void {
  const client = (database.db as unknown as { $client: { query: Query } }).$client;
  const own = Object.hasOwn(client, 'query');
  const query = client.query;
  client.query = (...args) =>
    affects(sqlOf(args[0])) ? replacement(...args) : query.apply(client, args);
  return () => {
    if (own) client.query = query;
    else delete (client as Partial<typeof client>).query;
  };
}

/**
 * The database cannot be reached: each affected query fails while connecting, with `error()`.
 * On PostgreSQL it goes to a pool with the app's settings whose sockets fail with that error
 * as soon as they try to connect (what `net` does when the lookup or the connect fails), so
 * node-postgres and pg-pool pass it on exactly as they would. PGlite has no connection; there
 * the driver's query rejects with the same error.
 */
export function unreachableDatabase(
  database: Database,
  error: () => Error,
  affects: Affects = () => true,
): Outage {
  if (database.kind === 'pglite') return failingQueries(database, error, affects);
  const live = (database.db as unknown as { $client: Pool }).$client;
  const dead = new Pool({
    ...live.options,
    stream: () => {
      const socket = new Socket();
      socket.connect = (() => {
        process.nextTick(() => socket.destroy(error()));
        return socket;
      }) as Socket['connect'];
      return socket;
    },
  });
  dead.on('error', () => undefined);
  const restore = divertQueries(database, affects, (...args) =>
    (dead.query as unknown as Query).apply(dead, args),
  );
  return {
    async end() {
      restore();
      await dead.end();
    },
  };
}

/** Each affected query is rejected by the driver with `error()` (a dropped connection, a bug). */
export function failingQueries(
  database: Database,
  error: () => Error,
  affects: Affects = () => true,
): Outage {
  const restore = divertQueries(database, affects, async () => {
    throw error();
  });
  return { end: async () => restore() };
}
