import { afterAll } from 'vitest'
import { eventStoreContract } from '@incident-kit/core/testing'
import type { EventStore } from '@incident-kit/core'
import { createSqlEventStore } from './sql-event-store.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, temporaryDirectory, uniqueSchema } from './testing/test-databases.js'

const sqliteFiles = temporaryDirectory('contract')
let fileCounter = 0
afterAll(() => sqliteFiles.cleanup())

eventStoreContract('SQLite file (WAL)', {
  createStore: () => createSqlEventStore({ url: `sqlite:${sqliteFiles.file(`store-${fileCounter++}.db`)}`, pollIntervalMs: 20 }),
})

eventStoreContract('SQLite in memory', {
  createStore: () => createSqlEventStore({ url: 'sqlite::memory:', pollIntervalMs: 20 }),
})

describePostgres('PostgreSQL', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))
  eventStoreContract('PostgreSQL (isolated schema)', {
    createStore: async (): Promise<EventStore> => {
      const schema = uniqueSchema('contract')
      schemas.push(schema)
      return createSqlEventStore({ url: POSTGRES_TEST_URL, schema, pollIntervalMs: 50 })
    },
  })
})
