import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { INVALID_APPEND, unstorableJson, type EventStore } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from './sql-event-store.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from './testing/test-databases.js'

/** Any JSON value, its strings built from any code point, with the ones PostgreSQL refuses made frequent. */
const anyData = fc.jsonValue({
  maxDepth: 3,
  stringUnit: fc.oneof(fc.constantFrom('\u0000', '\ud800', '\udfff', '😀', 'é'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
})

let run = 0

/** The event carrying the data comes alone or last in a batch: Postgres inserts the two differently. */
const batchSize = fc.integer({ min: 1, max: 3 })

/**
 * An append of `data` either stores it so that a read from the database gives back its JSON form,
 * or, when it holds text no store can keep, is refused with INVALID_APPEND and stores nothing.
 * Never a database error.
 */
const storesOrRefuses = async (store: EventStore, data: unknown, size: number) => {
  const events = newTestBatch(size)
  const event = { ...events.at(-1)!, data }
  events[size - 1] = event
  const streamId = `incident-data-${run++}`
  const outcome = await store.appendToStream(streamId, events, { expectedVersion: 'no_stream' }).then(
    () => undefined,
    (error: unknown) => error,
  )
  const problem = unstorableJson(data, 'data')
  if (problem === undefined) {
    expect(outcome).toBeUndefined()
    const stored = await store.readByCommandId(event.commandId)
    expect(stored).toHaveLength(size)
    expect(stored.at(-1)?.data).toEqual(JSON.parse(JSON.stringify(data)))
  } else {
    expect(outcome).toMatchObject({ code: INVALID_APPEND, message: expect.stringContaining(problem) })
    expect(await store.readByCommandId(event.commandId)).toEqual([])
  }
}

describe('event data on SQLite', () => {
  it('is stored exactly as JSON carries it, or refused when it holds text no store can keep', async () => {
    const store = await createSqlEventStore({ url: 'sqlite::memory:' })
    await fc.assert(
      fc.asyncProperty(anyData, batchSize, (data, size) => storesOrRefuses(store, data, size)),
      { numRuns: 300 },
    )
    await store.close()
  })
})

describePostgres('event data on PostgreSQL', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('is stored exactly as JSON carries it, or refused when it holds text no store can keep', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('data')
    schemas.push(schema)
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    await fc.assert(
      fc.asyncProperty(anyData, batchSize, (data, size) => storesOrRefuses(store, data, size)),
      { numRuns: 300 },
    )
    await store.close()
  })
})
