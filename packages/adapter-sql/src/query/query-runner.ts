import { CompiledQuery, type Kysely } from 'kysely'
import type { PrecompiledQuery } from './precompile.js'

/** Runs precompiled queries on one dialect's connection (or inside one transaction). */
export interface QueryRunner {
  /** Rows of a query that returns rows. */
  all<R>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>): Promise<R[]>
  /** Rows as arrays in select-list order: no object per row, for the reads of events. */
  arrays<R extends readonly unknown[]>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>): Promise<R[]>
  /** Runs a statement; resolves to the number of rows it changed. */
  run(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>): Promise<number>
}

/**
 * A runner over a Kysely connection or transaction: how a subscriber's own writes and its checkpoint
 * share one transaction.
 *
 * @example
 * await db.transaction().execute((trx) => saveCheckpoint(kyselyRunner(trx), 'notifier', checkpoint))
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const kyselyRunner = (db: Kysely<any>): QueryRunner => ({
  all: async <R>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>) =>
    (await db.executeQuery<R>(CompiledQuery.raw(query.sql, query.bind(values)))).rows,
  // Both drivers keep the select list's order in a row's keys.
  arrays: async <R extends readonly unknown[]>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>) =>
    (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(query.sql, query.bind(values)))).rows.map((row) => Object.values(row) as unknown as R),
  run: async (query, values) => Number((await db.executeQuery(CompiledQuery.raw(query.sql, query.bind(values)))).numAffectedRows ?? 0),
})
