import type { Database, Statement } from 'better-sqlite3'
import type { PrecompiledQuery } from '../query/precompile.js'
import type { QueryRunner } from '../query/query-runner.js'

export interface SqliteRunner extends QueryRunner {
  /** The prepared statement of a query, prepared once per connection. */
  statement(query: PrecompiledQuery): Statement
  /** The same, returning rows as arrays (`Statement.raw`). */
  arrayStatement(query: PrecompiledQuery): Statement
  allSync<R>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>): R[]
  arraysSync<R extends readonly unknown[]>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>): R[]
  runSync(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>): number
  /** `BEGIN IMMEDIATE` takes the file's write lock up front, so a writer never fails halfway on a busy upgrade. */
  readonly transactionStatements: { readonly begin: Statement; readonly commit: Statement; readonly rollback: Statement }
  inTransaction(): boolean
}

/**
 * Runs precompiled queries on better-sqlite3 with a statement cache, so that neither Kysely's
 * compiler nor SQLite's parser runs on the hot path.
 *
 * @example
 * const runner = createSqliteRunner(sqlite)
 * runner.allSync(readStreamQuery, { streamId: 'incident-1' })
 */
export const createSqliteRunner = (sqlite: Database): SqliteRunner => {
  const statementCache = (asArrays: boolean) => {
    const statements = new Map<string, Statement>()
    return (query: PrecompiledQuery) => {
      let prepared = statements.get(query.sql)
      if (prepared === undefined) {
        prepared = sqlite.prepare(query.sql)
        if (asArrays) prepared.raw(true)
        statements.set(query.sql, prepared)
      }
      return prepared
    }
  }
  const statement = statementCache(false)
  const arrayStatement = statementCache(true)
  const allSync = <R>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>) => statement(query).all(...query.bind(values)) as R[]
  const arraysSync = <R extends readonly unknown[]>(query: PrecompiledQuery, values: Readonly<Record<string, unknown>>) =>
    arrayStatement(query).all(...query.bind(values)) as R[]
  const runSync = (query: PrecompiledQuery, values: Readonly<Record<string, unknown>>) => statement(query).run(...query.bind(values)).changes
  return {
    statement,
    arrayStatement,
    transactionStatements: { begin: sqlite.prepare('BEGIN IMMEDIATE'), commit: sqlite.prepare('COMMIT'), rollback: sqlite.prepare('ROLLBACK') },
    inTransaction: () => sqlite.inTransaction,
    allSync,
    arraysSync,
    runSync,
    all: async (query, values) => allSync(query, values),
    arrays: async (query, values) => arraysSync(query, values),
    run: async (query, values) => runSync(query, values),
  }
}
