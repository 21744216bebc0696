import type { EventStore } from '@incident-kit/core'
import type { CliIo } from './cli-io.js'
import { databaseUrlFor, removeSqliteFile, sqliteFileToCreate, type OpenStore, type OpenStoreOptions } from './open-store.js'

/** What every command gets: the io and a way to open the store. */
export interface CliContext {
  readonly io: CliIo
  readonly openStore: OpenStore
}

const withStoreOfUrl = async <T>(context: CliContext, url: string, work: (store: EventStore, url: string) => Promise<T>, options: OpenStoreOptions): Promise<T> => {
  const store = await context.openStore(url, options)
  try {
    return await work(store, url)
  } finally {
    await store.close()
  }
}

/**
 * Runs `work` with the store of `--db` (or its fallbacks) and closes the store afterwards, also
 * when `work` throws.
 *
 * @example
 * await withStore(context, options.db, (store) => exportEventLog(store, { write }))
 */
export const withStore = async <T>(
  context: CliContext,
  dbFlag: string | undefined,
  work: (store: EventStore, url: string) => Promise<T>,
  options: OpenStoreOptions = {},
): Promise<T> => withStoreOfUrl(context, await databaseUrlFor(dbFlag, context.io), work, options)

/**
 * `withStore` for a command that may refuse to write anything (an import whose checks fail): when
 * the database is a SQLite file that opening the store created, and `wroteNothing(result)`, the file
 * is removed again, so that a refusal leaves no empty database behind.
 *
 * @example
 * const result = await withStoreKeptOnlyIfWritten(context, options.db, (store) => importEventLog(store, lines), E.isLeft)
 */
export const withStoreKeptOnlyIfWritten = async <T>(
  context: CliContext,
  dbFlag: string | undefined,
  work: (store: EventStore, url: string) => Promise<T>,
  wroteNothing: (result: T) => boolean,
  options: OpenStoreOptions = {},
): Promise<T> => {
  const url = await databaseUrlFor(dbFlag, context.io)
  const created = await sqliteFileToCreate(url)
  const result = await withStoreOfUrl(context, url, work, options)
  if (created !== undefined && wroteNothing(result)) await removeSqliteFile(created)
  return result
}
