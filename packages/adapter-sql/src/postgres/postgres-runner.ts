import type pg from 'pg'
import type { PrecompiledQuery } from '../query/precompile.js'
import type { QueryRunner } from '../query/query-runner.js'
import { retiredBy, type TimedQueryConfig } from './query-timeout.js'

/**
 * One statement on a pooled connection. Not `pool.query`: it closes the connection whenever a
 * statement fails, so every lost append race (a unique violation) cost a new Postgres backend
 * process for the next query, and its prepared statements again (bench:store W3 spent most of its
 * time there). A statement the server rejected leaves the connection usable; only other errors
 * (a broken socket, a query timeout) retire it.
 */
const onPooledConnection = async (pool: pg.Pool, config: TimedQueryConfig) => {
  const client = await pool.connect()
  try {
    const result = await client.query(config)
    client.release()
    return result
  } catch (error) {
    client.release(retiredBy(error))
    throw error
  }
}

/**
 * Runs precompiled queries as named prepared statements: Postgres parses and plans each once per
 * connection, and Kysely's compiler never runs per call. Each statement waits `queryTimeoutMs` at most
 * for its answer (see `DEFAULT_QUERY_TIMEOUT_MS`).
 *
 * @example
 * const runner = createPostgresRunner(pool, 60_000)
 */
export const createPostgresRunner = (pool: pg.Pool, queryTimeoutMs: number): QueryRunner => {
  /** The statement of `query` with these values, prepared under its name and bounded by the timeout. */
  const statement = (query: PrecompiledQuery, values: Readonly<Record<string, unknown>>, rowMode?: 'array'): TimedQueryConfig => ({
    name: query.name,
    text: query.sql,
    values: query.bind(values),
    query_timeout: queryTimeoutMs,
    rowMode,
  })
  return {
    all: async <R>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>) => (await onPooledConnection(pool, statement(query, values))).rows as R[],
    arrays: async <R extends readonly unknown[]>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>) =>
      (await onPooledConnection(pool, statement(query, values, 'array'))).rows as unknown as R[],
    run: async (query, values) => (await onPooledConnection(pool, statement(query, values))).rowCount ?? 0,
  }
}
