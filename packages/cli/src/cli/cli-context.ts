import type { EventStore } from '@incident-kit/core'
import type { CliIo } from './cli-io.js'
import { databaseUrlFor, type OpenStore, type OpenStoreOptions } from './open-store.js'

/** What every command gets: the io and a way to open the store. */
export interface CliContext {
  readonly io: CliIo
  readonly openStore: OpenStore
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
): Promise<T> => {
  const url = await databaseUrlFor(dbFlag, context.io)
  const store = await context.openStore(url, options)
  try {
    return await work(store, url)
  } finally {
    await store.close()
  }
}
