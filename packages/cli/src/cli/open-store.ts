import { isAbsolute, resolve } from 'node:path'
import type { EventStore } from '@incident-kit/core'
import type { SqlEventStore, StoreWarningHandler } from '@incident-kit/adapter-sql'
import { configurationError, failure } from './cli-errors.js'
import type { CliIo } from './cli-io.js'

/** How a command will use the store. */
export interface OpenStoreOptions {
  /**
   * Many appends in a row that can simply be run again after a crash (an idempotent import): on
   * SQLite, commit with `synchronous=NORMAL` (WAL keeps commits through a process crash; a power
   * loss may drop the last ones, which a re-run restores). About ten times faster than FULL.
   */
  readonly bulkWrite?: boolean
  /** Where the SQL store's warnings go (a long-running process logs them); `process.emitWarning` otherwise. */
  readonly onWarning?: StoreWarningHandler
}

/** Opens the store of a database URL; tests and embedders may pass their own. */
export type OpenStore = (url: string, options?: OpenStoreOptions) => Promise<EventStore>

const SQLITE_PREFIX = 'sqlite:'
const SQLITE_MEMORY = ':memory:'

/** adapter-sql (Kysely, both drivers) loads only when a command needs a database: `--help` stays quick. */
const adapterSql = () => import('@incident-kit/adapter-sql')

/**
 * The database URL of a command: `--db`, else `DATABASE_URL`, else `sqlite:./incident-kit.db`. A
 * relative SQLite path is made absolute against the command's working directory.
 *
 * @example
 * await databaseUrlFor(undefined, { env: {}, cwd: '/srv' }) // 'sqlite:/srv/incident-kit.db'
 */
export const databaseUrlFor = async (flag: string | undefined, io: Pick<CliIo, 'env' | 'cwd'>): Promise<string> => {
  const { parseDatabaseUrl, resolveDatabaseUrl } = await adapterSql()
  const url = resolveDatabaseUrl(flag, io.env)
  let parsed: ReturnType<typeof parseDatabaseUrl>
  try {
    parsed = parseDatabaseUrl(url)
  } catch (error) {
    throw configurationError(`--db / DATABASE_URL: ${(error as Error).message}`)
  }
  if (parsed.dialect !== 'sqlite' || parsed.filename === SQLITE_MEMORY || isAbsolute(parsed.filename)) return url
  return `${SQLITE_PREFIX}${resolve(io.cwd, parsed.filename)}`
}

/**
 * Opens adapter-sql's store (SQLite or PostgreSQL, migrated on first use); a failure names the
 * database with its password hidden.
 *
 * @example
 * const store = await openSqlStore('sqlite:/tmp/ik.db')
 */
export const openSqlStore = async (url: string, options: OpenStoreOptions = {}) => {
  const { createSqlEventStore, redactDatabaseUrl } = await adapterSql()
  try {
    return await createSqlEventStore({
      url,
      ...(options.bulkWrite ? { sqliteSynchronous: 'NORMAL' as const } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    })
  } catch (error) {
    throw failure(`cannot open the database ${redactDatabaseUrl(url)}: ${(error as Error).message}`, error)
  }
}

/**
 * Runs `work` with adapter-sql's store of `url` and closes it afterwards, also when `work` throws:
 * for commands that need the SQL store's own features (checkpoints, locks), where `withStore`'s
 * injectable `EventStore` is not enough.
 *
 * @example
 * await withSqlStore(url, {}, (store) => store.checkpoints.list())
 */
export const withSqlStore = async <T>(url: string, options: OpenStoreOptions, work: (store: SqlEventStore) => Promise<T>): Promise<T> => {
  const store = await openSqlStore(url, options)
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}
