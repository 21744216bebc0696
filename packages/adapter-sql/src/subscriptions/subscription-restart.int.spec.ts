import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { NO_STREAM, type RecordedEvent } from '@incident-kit/core'
import { eventually, newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore, type SqlEventStore } from '../sql-event-store.js'
import type { StoreWarning } from '../store-warning.js'
import { sql } from 'kysely'
import { describeEachDatabase, describePostgres, dropSchemas, POSTGRES_TEST_URL, temporaryDirectory, uniqueSchema } from '../testing/test-databases.js'

/** Errors a handler's own I/O throws that look like a database outage to a loose check. */
const lookalikeOutages = {
  'a webhook refusing connections': () => Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:443'), { code: 'ECONNREFUSED' }),
  "another client's broken connection": () => new Error('Connection terminated unexpectedly'),
}

type Subscribe = (store: SqlEventStore, handler: () => Promise<void>) => ReturnType<SqlEventStore['subscribe']>
const subscribers: Record<string, Subscribe> = {
  'at least once': (store, handler) => store.subscribeAtLeastOnce({ subscriber: 'webhook', handler }),
  'exactly once': (store, handler) => store.subscribeExactlyOnce({ subscriber: 'webhook', handler }),
}

describeEachDatabase("a subscriber handler's own errors", (fresh) => {
  for (const [delivery, subscribe] of Object.entries(subscribers)) {
    for (const [label, failure] of Object.entries(lookalikeOutages)) {
      it(`${delivery}: ${label} stops the subscription and rejects closed with that error, without delivering again`, async () => {
        const store = await createSqlEventStore(fresh())
        await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
        const thrown = failure()
        let redelivered: () => void = () => undefined
        const delivery = new Promise<'delivered again'>((resolve) => (redelivered = () => resolve('delivered again')))
        let calls = 0
        const subscription = subscribe(store, async () => {
          if (++calls > 1) redelivered()
          throw thrown
        })
        // Whichever comes first: a retry would deliver again after 100 ms, long before anything else.
        const outcome = await Promise.race([subscription.closed.then(() => 'closed', (error: unknown) => error), delivery])
        expect(outcome).toBe(thrown)
        expect(calls).toBe(1)
        expect(await store.checkpoints.load('webhook')).toBeUndefined()
        await store.close()
      })
    }
  }
})

describe('a subscription restarted by a database outage', () => {
  const files = temporaryDirectory('restart-warning')
  afterAll(() => files.cleanup())

  it('warns SUBSCRIPTION_RESTARTED with the subscriber, the error and the pause, then follows on from its checkpoint', async () => {
    const file = files.file('restart.db')
    const warnings: StoreWarning[] = []
    const store = await createSqlEventStore({ url: `sqlite:${file}`, busyTimeoutMs: 20, pollIntervalMs: 20, onWarning: (warning) => void warnings.push(warning) })
    const batch = newTestBatch(2)
    await store.appendToStream('incident-1', batch, { expectedVersion: NO_STREAM })
    // Another process holds the write lock: the checkpoint save after the handler finds the file busy.
    const otherProcess = new Database(file)
    otherProcess.prepare('BEGIN IMMEDIATE').run()
    const seen: RecordedEvent[] = []
    const subscription = store.subscribeAtLeastOnce({ subscriber: 'notifier', handler: (events) => void seen.push(...events) })
    const warning = await eventually(() => warnings[0])
    otherProcess.prepare('ROLLBACK').run()
    otherProcess.close()
    expect(warning).toEqual({
      code: 'SUBSCRIPTION_RESTARTED',
      subscriber: 'notifier',
      error: 'database is locked',
      retryInMs: 100,
      message: 'subscriber "notifier" restarts from its checkpoint in 100 ms after a database outage: database is locked',
    })
    const last = (await store.readStream('incident-1')).at(-1)!.position
    await eventually(async () => (await store.checkpoints.load('notifier')) === last)
    // The batch in hand when the save failed came again.
    expect(new Set(seen.map((event) => event.id))).toEqual(new Set(batch.map((event) => event.id)))
    expect(seen.length).toBeGreaterThan(batch.length)
    await subscription.close()
    await expect(subscription.closed).resolves.toBeUndefined()
    await store.close()
  })

  it('goes on when onWarning throws', async () => {
    const file = files.file('throwing-handler.db')
    let warned = 0
    const store = await createSqlEventStore({
      url: `sqlite:${file}`,
      busyTimeoutMs: 20,
      onWarning: () => {
        warned++
        throw new Error('logger down')
      },
    })
    await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    const otherProcess = new Database(file)
    otherProcess.prepare('BEGIN IMMEDIATE').run()
    const subscription = store.subscribeAtLeastOnce({ subscriber: 'notifier', handler: () => undefined })
    await eventually(() => warned > 0)
    otherProcess.prepare('ROLLBACK').run()
    otherProcess.close()
    await eventually(async () => (await store.checkpoints.load('notifier')) !== undefined)
    await subscription.close()
    await expect(subscription.closed).resolves.toBeUndefined()
    await store.close()
  })
})

describePostgres('an exactly-once handler whose transaction loses its connection', () => {
  const schema = uniqueSchema('handler_cut')
  afterAll(() => dropSchemas([schema]))

  it("restarts: the failed rollback is the store's own outage, whatever the handler threw", async () => {
    const warnings: StoreWarning[] = []
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema, onWarning: (warning) => void warnings.push(warning) })
    await store.appendToStream('incident-1', newTestBatch(1), { expectedVersion: NO_STREAM })
    let calls = 0
    const subscription = store.subscribeExactlyOnce({
      subscriber: 'view',
      handler: async (_events, tx) => {
        // The first time, the server ends the transaction's session under the handler's write.
        if (++calls === 1) await sql`SELECT pg_terminate_backend(pg_backend_pid())`.execute(tx.db)
      },
    })
    let stopped = false
    void subscription.closed.catch(() => (stopped = true))
    await eventually(async () => (await store.checkpoints.load('view')) !== undefined)
    expect(stopped).toBe(false)
    expect(calls).toBe(2)
    expect(warnings).toMatchObject([{ code: 'SUBSCRIPTION_RESTARTED', subscriber: 'view' }])
    await subscription.close()
    await store.close()
  })
})
