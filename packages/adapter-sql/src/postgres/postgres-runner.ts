import pg from 'pg'
import type { QueryRunner } from '../query/query-runner.js'

/**
 * One statement on a pooled connection. Not `pool.query`: it closes the connection whenever a
 * statement fails, so every lost append race (a unique violation) cost a new Postgres backend
 * process for the next query, and its prepared statements again (bench:store W3 spent most of its
 * time there). A statement the server rejected leaves the connection usable; only other errors
 * (a broken socket) retire it.
 */
const onPooledConnection = async (pool: pg.Pool, config: pg.QueryConfig & { rowMode?: 'array' }) => {
  const client = await pool.connect()
  try {
    const result = await client.query(config)
    client.release()
    return result
  } catch (error) {
    client.release(error instanceof pg.DatabaseError ? undefined : (error as Error))
    throw error
  }
}

/**
 * Runs precompiled queries as named prepared statements: Postgres parses and plans each once per
 * connection, and Kysely's compiler never runs per call.
 *
 * @example
 * const runner = createPostgresRunner(pool)
 */
export const createPostgresRunner = (pool: pg.Pool): QueryRunner => ({
  all: async <R>(query: Parameters<QueryRunner['all']>[0], values: Parameters<QueryRunner['all']>[1]) =>
    (await onPooledConnection(pool, { name: query.name, text: query.sql, values: query.bind(values) })).rows as R[],
  arrays: async <R extends readonly unknown[]>(query: Parameters<QueryRunner['arrays']>[0], values: Parameters<QueryRunner['arrays']>[1]) =>
    (await onPooledConnection(pool, { name: query.name, text: query.sql, values: query.bind(values), rowMode: 'array' })).rows as unknown as R[],
  run: async (query, values) => (await onPooledConnection(pool, { name: query.name, text: query.sql, values: query.bind(values) })).rowCount ?? 0,
})
