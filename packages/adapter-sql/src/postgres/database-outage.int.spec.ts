import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { ANY, type RecordedEvent } from '@incident-kit/core'
import { eventually, newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from '../sql-event-store.js'
import { cutConnections, describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'

describePostgres('a database outage', () => {
  const schema = uniqueSchema('outage')
  afterAll(() => dropSchemas([schema]))

  it('checkpointed subscriptions go on from their checkpoints while the database cuts every connection for a while: every event, in order', async () => {
    // The application name marks the subscriber's connections (pool and listener) for the cut.
    const subscriberStore = await createSqlEventStore({ url: `${POSTGRES_TEST_URL}?application_name=${schema}`, schema, pollIntervalMs: 50 })
    const writer = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const before = newTestBatch(3)
    await writer.appendToStream('incident-outage', before, { expectedVersion: ANY })
    const atLeastOnce: RecordedEvent[] = []
    const exactlyOnce: RecordedEvent[] = []
    const subscriptions = [
      subscriberStore.subscribeAtLeastOnce({ subscriber: 'at-least-once', handler: (events) => void atLeastOnce.push(...events) }),
      subscriberStore.subscribeExactlyOnce({ subscriber: 'exactly-once', handler: async (events) => void exactlyOnce.push(...events) }),
    ]
    let stopped = false
    for (const subscription of subscriptions) void subscription.closed.catch(() => (stopped = true))
    await eventually(() => atLeastOnce.length === 3 && exactlyOnce.length === 3)

    // For half a second every connection the subscriber opens is cut, reads in flight included.
    const after = newTestBatch(2)
    let appended = false
    let cuts = 0
    const outageEnds = Date.now() + 500
    while (Date.now() < outageEnds) {
      cuts += await cutConnections(schema)
      if (!appended && Date.now() > outageEnds - 400) {
        await writer.appendToStream('incident-outage', after, { expectedVersion: ANY })
        appended = true
      }
    }
    expect(cuts).toBeGreaterThan(2)
    const ids = [...before, ...after].map((event) => event.id)
    const distinctIds = (events: readonly RecordedEvent[]) => [...new Set(events.map((e) => e.id))]
    await eventually(() => distinctIds(atLeastOnce).length === 5 && distinctIds(exactlyOnce).length === 5)
    expect(stopped).toBe(false)
    // Nothing skipped, in order. (A batch in hand during a cut comes again: its checkpoint was not
    // saved, or was rolled back with the transaction.)
    expect(distinctIds(atLeastOnce)).toEqual(ids)
    expect(distinctIds(exactlyOnce)).toEqual(ids)
    for (const subscription of subscriptions) await subscription.close()
    await subscriberStore.close()
    await writer.close()
  })

  it('fails a transaction whose connection is cut between two statements, and crashes nothing', async () => {
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL })
    await admin.connect()
    const outcome = store.transact(async (tx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx.db)
      // The handler is between statements: no query is in flight when the server ends the session.
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid])
      await new Promise((resolve) => setTimeout(resolve, 100))
      await sql`SELECT 1`.execute(tx.db)
    })
    await expect(outcome).rejects.toThrow()
    // The store still works on its other connections.
    await store.appendToStream('incident-after-cut', newTestBatch(1), { expectedVersion: ANY })
    expect(await store.readStream('incident-after-cut')).toHaveLength(1)
    await admin.end()
    await store.close()
  })
})
