import type pg from 'pg'
import type { QueryRunner } from '../query/query-runner.js'

/**
 * Runs precompiled queries as named prepared statements: Postgres parses and plans each once per
 * connection, and Kysely's compiler never runs per call.
 *
 * @example
 * const runner = createPostgresRunner(pool)
 */
export const createPostgresRunner = (pool: pg.Pool): QueryRunner => ({
  all: async <R>(query: Parameters<QueryRunner['all']>[0], values: Parameters<QueryRunner['all']>[1]) =>
    (await pool.query({ name: query.name, text: query.sql, values: query.bind(values) })).rows as R[],
  arrays: async <R extends readonly unknown[]>(query: Parameters<QueryRunner['arrays']>[0], values: Parameters<QueryRunner['arrays']>[1]) =>
    (await pool.query({ name: query.name, text: query.sql, values: query.bind(values), rowMode: 'array' })).rows as unknown as R[],
  run: async (query, values) => (await pool.query({ name: query.name, text: query.sql, values: query.bind(values) })).rowCount ?? 0,
})
