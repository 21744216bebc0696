import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { isAbsolute, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { isIncidentKitError, START, type EventStore } from '@incident-kit/core'
import type { SqlEventStore, StoreWarningHandler } from '@incident-kit/adapter-sql'
import { configurationError, failure } from './cli-errors.js'
import type { CliIo } from './cli-io.js'
import { isSqliteWriteRefusal, readOnlySqliteProblem } from './read-only-sqlite.js'

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
  /**
   * A SQLite file that does not exist, or a Postgres schema without the store's tables, is refused
   * instead of created empty: a command that only reads would "succeed" with no events on a mistyped
   * path or schema, and a write learns whether its target holds a store yet (`withStoreCreatedAfterChecks`).
   */
  readonly mustExist?: boolean
  /**
   * The command only reads (`export`, `report`, the source of `copy`): a SQLite file this user may
   * not write is explained as such (the store writes even to read; reading a copy is a way out).
   * A write (`import`, the target of `copy`) leaves it unset, also when it passes `mustExist`.
   */
  readonly onlyReads?: boolean
}

/** Opens the store of a database URL; tests and embedders may pass their own. */
export type OpenStore = (url: string, options?: OpenStoreOptions) => Promise<EventStore>

const SQLITE_PREFIX = 'sqlite:'
const SQLITE_MEMORY = ':memory:'

/** adapter-sql (Kysely, both drivers) loads only when a command needs a database: `--help` stays quick. */
const adapterSql = () => import('@incident-kit/adapter-sql')

/**
 * The database URL of a command: the flag (`--db`, or `flagName`), else `DATABASE_URL` (set but empty
 * counts as unset), else `sqlite:./incident-kit.db`. A relative SQLite path is made absolute against
 * the command's working directory. A malformed URL is a configuration error naming where it came from.
 *
 * @example
 * await databaseUrlFor(undefined, { env: {}, cwd: '/srv' }) // 'sqlite:/srv/incident-kit.db'
 * await databaseUrlFor('mysql://x', io, '--to') // throws "--to: unsupported database URL …"
 */
export const databaseUrlFor = async (flag: string | undefined, io: Pick<CliIo, 'env' | 'cwd'>, flagName = '--db'): Promise<string> => {
  const { parseDatabaseUrl, resolveDatabaseUrl } = await adapterSql()
  const url = resolveDatabaseUrl(flag, io.env)
  let parsed: ReturnType<typeof parseDatabaseUrl>
  try {
    parsed = parseDatabaseUrl(url)
  } catch (error) {
    throw configurationError(`${flag === undefined ? 'DATABASE_URL' : flagName}: ${(error as Error).message}`)
  }
  if (parsed.dialect !== 'sqlite' || parsed.filename === SQLITE_MEMORY || isAbsolute(parsed.filename)) return url
  return `${SQLITE_PREFIX}${resolve(io.cwd, parsed.filename)}`
}

/**
 * The SQLite file a database URL names, whether it exists or not; none for PostgreSQL or `sqlite::memory:`.
 *
 * @example
 * await sqliteFileOf('sqlite:/srv/ik.db') // '/srv/ik.db'
 */
export const sqliteFileOf = async (url: string): Promise<string | undefined> => {
  const { parseDatabaseUrl } = await adapterSql()
  const target = parseDatabaseUrl(url)
  return target.dialect === 'sqlite' && target.filename !== SQLITE_MEMORY ? target.filename : undefined
}

/** The SQLite file that opening the store of `url` would create, because it does not exist yet. */
const sqliteFileToCreate = async (url: string): Promise<string | undefined> => {
  const file = await sqliteFileOf(url)
  return file !== undefined && !existsSync(file) ? file : undefined
}

/** SQLite keeps these beside a WAL database's file; they go with it. */
const SQLITE_COMPANION_SUFFIXES = ['-wal', '-shm']

/*
 * A process that opened the same new path meanwhile (a bot started on it) may have written to it:
 * a file holding any event is kept.
 */
const holdsNoEvent = async (file: string) => {
  const { createSqlEventStore } = await adapterSql()
  const store = await createSqlEventStore({ url: `${SQLITE_PREFIX}${file}`, existingOnly: true })
  try {
    return (await store.readAll({ after: START, limit: 1 })).events.length === 0
  } finally {
    await store.close()
  }
}

/**
 * Removes a SQLite database file this command created, with its companion files (closed first: the
 * store is gone), unless it holds an event by now.
 *
 * @example
 * await removeSqliteFile('/tmp/new.db') // removes /tmp/new.db, /tmp/new.db-wal and /tmp/new.db-shm
 */
export const removeSqliteFile = async (file: string) => {
  if (!existsSync(file) || !(await holdsNoEvent(file))) return
  await Promise.all(['', ...SQLITE_COMPANION_SUFFIXES].map((suffix) => rm(`${file}${suffix}`, { force: true })))
}

/**
 * Runs `work`, which writes to the database of `url` unless its checks refuse (an import, a copy).
 * When `work` refuses (a `Left`) or throws, a SQLite file that did not exist before is removed again
 * (`removeSqliteFile`: only while it holds no event), so that writing nothing leaves no new empty
 * database behind either.
 *
 * @example
 * const result = await removingCreatedSqliteFile(url, () => withSqlStore(url, {}, (store) => copyStore(source, store)))
 */
export const removingCreatedSqliteFile = async <L, R>(url: string, work: () => Promise<E.Either<L, R>>): Promise<E.Either<L, R>> => {
  const created = await sqliteFileToCreate(url)
  const clean = async () => {
    if (created !== undefined) await removeSqliteFile(created)
  }
  const result = await work().catch(async (error: unknown) => {
    await clean()
    throw error
  })
  if (E.isLeft(result)) await clean()
  return result
}

/**
 * Opens adapter-sql's store (SQLite or PostgreSQL, migrated on first use); a failure names the
 * database with its password hidden.
 *
 * @example
 * const store = await openSqlStore('sqlite:/tmp/ik.db')
 */
export const openSqlStore = async (url: string, options: OpenStoreOptions = {}) => {
  const { createSqlEventStore, redactDatabaseUrl, DATABASE_UNREACHABLE, STORE_NOT_FOUND } = await adapterSql()
  try {
    return await createSqlEventStore({
      url,
      existingOnly: options.mustExist ?? false,
      ...(options.bulkWrite ? { sqliteSynchronous: 'NORMAL' as const } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    })
  } catch (error) {
    // A file this user may read but not write (a backup, the bot's database): SQLite's "attempt to
    // write a readonly database" is a puzzle, above all from a command that only reads.
    const file = isSqliteWriteRefusal(error) ? await sqliteFileOf(url).catch(() => undefined) : undefined
    const readOnly = file === undefined ? undefined : readOnlySqliteProblem(file, error, { onlyReads: options.onlyReads ?? false })
    if (readOnly !== undefined) throw failure(`cannot open the database ${redactDatabaseUrl(url)}: ${readOnly}`, error)
    // adapter-sql's message names the database already: "cannot open the database X: cannot use X: …" would repeat it.
    if (isIncidentKitError(error, DATABASE_UNREACHABLE)) throw failure(error.message, error)
    const why = isIncidentKitError(error, STORE_NOT_FOUND) ? `${error.message}, and a command that only reads creates none (check the path or schema)` : (error as Error).message
    throw failure(`cannot open the database ${redactDatabaseUrl(url)}: ${why}`, error)
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
