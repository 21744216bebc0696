import { afterAll, expect, it } from 'vitest'
import { ANY } from '@incident-kit/core'
import { eventually, newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from '../sql-event-store.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'

describePostgres('exactly-once handlers reading through the store on a small pool', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('as many exactly-once subscriptions as pool connections, each reading a stream through the store, all deliver and none stops', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('starvation')
    schemas.push(schema)
    const poolSize = 3
    // A short wait for a connection: before, every handler waited for one none would give back.
    const store = await createSqlEventStore({ url: `${POSTGRES_TEST_URL}?connect_timeout=2`, schema, poolSize })
    await store.appendToStream('incident-starvation', newTestBatch(1), { expectedVersion: ANY })
    const read: number[] = []
    const subscriptions = Array.from({ length: poolSize }, (_, i) =>
      store.subscribeExactlyOnce({
        subscriber: `view-${i}`,
        handler: async (events) => {
          // Long enough for every subscription to have begun its transaction, were they all let in.
          await new Promise((resolve) => setTimeout(resolve, 100))
          read.push((await store.readStream(events[0]!.streamId)).length)
        },
      }),
    )
    const stopped: unknown[] = []
    for (const subscription of subscriptions) void subscription.closed.catch((error: unknown) => stopped.push(error))
    await eventually(() => read.length === poolSize || stopped.length > 0, 20_000)
    expect(stopped).toEqual([])
    expect(read).toEqual(Array.from({ length: poolSize }, () => 1))
    // Still running after the connect timeout has passed (none stopped on a wait for a connection).
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(stopped).toEqual([])
    await store.close()
  })
})
