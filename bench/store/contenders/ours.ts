import { isConcurrencyError } from '@incident-kit/core'
import { createSqlEventStore, type SqlEventStoreOptions } from '@incident-kit/adapter-sql'
import type { BenchDatabase, Contender } from './contender.js'

/** Incident Kit's store (`@incident-kit/adapter-sql`) through its public API; `streamCacheEvents: 0` makes the no-cache variant. */
export const oursContender = async (database: BenchDatabase, options: SqlEventStoreOptions): Promise<Contender> => {
  const store = await createSqlEventStore(options)
  const noCache = options.streamCacheEvents === 0
  return {
    name: `incident-kit ${database}${noCache ? ' (stream cache off)' : ''}`,
    kind: noCache ? 'ours-no-cache' : 'ours',
    database,
    append: async (streamId, events, expectedVersion) => {
      await store.appendToStream(streamId, events, { expectedVersion })
    },
    isConflict: isConcurrencyError,
    readStream: async (streamId) => (await store.readStream(streamId)).length,
    readAll: async (after, limit) => {
      const page = await store.readAll({ after, limit })
      return { events: page.events, next: page.checkpoint }
    },
    close: () => store.close(),
  }
}
