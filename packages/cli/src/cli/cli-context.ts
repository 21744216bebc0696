import type { EventStore } from '@incident-kit/core'
import type { CliIo } from './cli-io.js'
import { databaseUrlFor, type OpenStore, type OpenStoreOptions } from './open-store.js'

/** What every command gets: the io and a way to open the store. */
export interface CliContext {
  readonly io: CliIo
  readonly openStore: OpenStore
}

/**
 * Runs `work` with the store of a resolved database URL and closes the store afterwards, also when
 * `work` throws.
 *
 * @example
 * await withStoreAt(context, 'sqlite:/srv/incident-kit.db', (store) => importEventLog(store, lines))
 */
export const withStoreAt = async <T>(context: CliContext, url: string, work: (store: EventStore, url: string) => Promise<T>, options: OpenStoreOptions = {}): Promise<T> => {
  const store = await context.openStore(url, options)
  try {
    return await work(store, url)
  } finally {
    await store.close()
  }
}

/**
 * `withStoreAt` the database of `--db` (or its fallbacks).
 *
 * @example
 * await withStore(context, options.db, (store) => exportEventLog(store, { write }))
 */
export const withStore = async <T>(
  context: CliContext,
  dbFlag: string | undefined,
  work: (store: EventStore, url: string) => Promise<T>,
  options: OpenStoreOptions = {},
): Promise<T> => withStoreAt(context, await databaseUrlFor(dbFlag, context.io), work, options)
