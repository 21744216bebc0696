import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { databaseUnreachable } from '../database-unreachable.js'
import { SQLITE_MEMORY } from '../database-url.js'
import { TABLE, type StoreDatabase } from '../schema/tables.js'
import { storeNotFound } from '../store-not-found.js'
import { retryWhileBusy } from './sqlite-busy.js'

/** SQLite's `synchronous` settings that make sense in WAL mode. */
export type SqliteSynchronous = 'FULL' | 'NORMAL'

export interface OpenSqliteOptions {
  readonly filename: string
  /** Refuse (`STORE_NOT_FOUND`) a file that does not hold the store's events table, changing nothing, instead of creating it. */
  readonly existingOnly?: boolean
  /** How long a writer waits for another process's write lock before failing; 5000 ms by default. */
  readonly busyTimeoutMs?: number
  /** FULL (the default) survives power loss; NORMAL survives a process crash and is faster. */
  readonly synchronous?: SqliteSynchronous
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000

/*
 * Every connection opens through here: better-sqlite3 refuses a file in a missing directory with a
 * bare TypeError that names neither, and others with SQLITE_CANTOPEN alone.
 */
const connect = (filename: string, options: Database.Options) => {
  try {
    return new Database(filename, options)
  } catch (error) {
    const directory = dirname(resolve(filename))
    const reason = existsSync(directory) ? (error as Error).message : `the directory ${directory} does not exist`
    throw databaseUnreachable(`the SQLite file ${filename}`, reason, error)
  }
}

const isNotADatabase = (error: unknown) => (error as { code?: unknown }).code === 'SQLITE_NOTADB'

/*
 * Looked for on a read-only connection, before the writing one opens: that one switches the file
 * to WAL and migrates it, and closing it may write a WAL back into the file. A file that is not
 * the store's is left exactly as it was.
 */
const assertStoreThere = (filename: string, busyTimeoutMs: number) => {
  if (!existsSync(filename)) throw storeNotFound(`the SQLite file ${filename} does not exist`)
  const probe = connect(filename, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs })
  try {
    const events = probe.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE.events)
    if (events === undefined) throw storeNotFound(`the SQLite file ${filename} holds no Incident Kit store`)
  } catch (error) {
    if (isNotADatabase(error)) throw storeNotFound(`the file ${filename} is not a SQLite database`)
    throw error
  } finally {
    probe.close()
  }
}

/**
 * Opens the file in WAL mode (readers never block the writer; one writer at a time across processes),
 * with a busy timeout, and wraps the same connection in Kysely for migrations and query building;
 * `reader` is the connection for reads outside the writer's transactions.
 *
 * @example
 * const { sqlite, db } = await openSqlite({ filename: './incident-kit.db' })
 */
export const openSqlite = async ({ filename, existingOnly = false, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS, synchronous = 'FULL' }: OpenSqliteOptions) => {
  if (existingOnly && filename !== SQLITE_MEMORY) assertStoreThere(filename, busyTimeoutMs)
  const sqlite = connect(filename, { timeout: busyTimeoutMs })
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`)
  // Switching a new file to WAL takes a lock SQLite does not wait for: processes starting together retry.
  await retryWhileBusy(() => sqlite.pragma('journal_mode = WAL')).catch((error: unknown) => {
    sqlite.close()
    throw error
  })
  sqlite.pragma(`synchronous = ${synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`)
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { sqlite, db, reader: openReader(sqlite, filename, busyTimeoutMs), busyTimeoutMs }
}

/*
 * The store's reads (streams, the log, checkpoints, projection states) get a connection of their
 * own: on the writer's, they would see what an open transaction (an exactly-once handler's) has
 * written but may still roll back. In WAL mode a reader sees every committed write and never waits
 * for the writer. A database in memory exists on one connection only, so it reads on that one.
 */
const openReader = (writer: Database.Database, filename: string, busyTimeoutMs: number) => {
  if (filename === SQLITE_MEMORY || filename === '') return writer
  const reader = connect(filename, { timeout: busyTimeoutMs })
  reader.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`)
  return reader
}
