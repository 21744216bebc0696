import net from 'node:net'
import { afterAll, expect, it } from 'vitest'
import { ANY, type RecordedEvent } from '@incident-kit/core'
import { eventually, newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from '../sql-event-store.js'
import type { StoreWarning } from '../store-warning.js'
import { isTransientDatabaseError } from '../transient-error.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from '../testing/test-databases.js'

/**
 * A TCP proxy in front of the test database that can partition the network: `partition()` drops
 * every byte both ways on the connections open at that moment and on new ones, and ignores their
 * closing (no FIN, no RST gets through: the server's host seems gone); `heal()` lets new connections
 * through, while those cut stay dead, as after a failover. `deafen()` drops only the server's
 * answers on the open connections: statements reach the server, their answers are lost.
 */
const startPartitionProxy = async () => {
  const target = new URL(POSTGRES_TEST_URL)
  let partitioned = false
  const links = new Set<{ alive: boolean; heard: boolean; sockets: net.Socket[] }>()
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const link = { alive: !partitioned, heard: true, sockets: [client] }
    const database = net.connect({ host: target.hostname, port: Number(target.port || 5432), allowHalfOpen: true })
    link.sockets.push(database)
    links.add(link)
    client.on('data', (data) => void (link.alive && database.write(data)))
    database.on('data', (data) => void (link.alive && link.heard && client.write(data)))
    // A closing end passes only while the link is alive: a partitioned host answers nothing at all.
    client.on('end', () => void (link.alive && database.end()))
    database.on('end', () => void (link.alive && client.end()))
    const drop = () => {
      links.delete(link)
      client.destroy()
      database.destroy()
    }
    client.on('error', drop)
    database.on('error', drop)
    client.on('close', () => link.alive && drop())
    database.on('close', () => link.alive && drop())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  const url = new URL(POSTGRES_TEST_URL)
  url.host = `127.0.0.1:${port}`
  return {
    /** The test database through the proxy; connecting gives up after a second. */
    url: `${url.toString()}?connect_timeout=1`,
    partition: () => {
      partitioned = true
      for (const link of links) link.alive = false
    },
    deafen: () => {
      for (const link of links) link.heard = false
    },
    heal: () => {
      partitioned = false
    },
    close: async () => {
      for (const link of links) for (const socket of link.sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Resolves to `work`'s value, or rejects once `ms` have passed (a generous bound: a hang fails the test, not its timeout). */
const within = <T>(ms: number, work: Promise<T>, what: string) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} still pending after ${ms} ms`)), ms).unref())])

describePostgres('a network partition between the store and Postgres', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('subscriptions restart with SUBSCRIPTION_RESTARTED when the server stops answering, go on once it answers, and close promptly', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('partition')
    schemas.push(schema)
    const proxy = await startPartitionProxy()
    const warnings: StoreWarning[] = []
    const store = await createSqlEventStore({ url: proxy.url, schema, pollIntervalMs: 50, queryTimeoutMs: 1_000, onWarning: (warning) => void warnings.push(warning) })
    const writer = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    await writer.appendToStream('incident-partition', newTestBatch(2), { expectedVersion: ANY })
    const atLeastOnce: RecordedEvent[] = []
    const exactlyOnce: RecordedEvent[] = []
    const subscriptions = [
      store.subscribeAtLeastOnce({ subscriber: 'at-least-once', handler: (events) => void atLeastOnce.push(...events) }),
      store.subscribeExactlyOnce({ subscriber: 'exactly-once', handler: async (events) => void exactlyOnce.push(...events) }),
    ]
    let stopped: unknown
    for (const subscription of subscriptions) void subscription.closed.catch((error: unknown) => (stopped = error))
    await eventually(() => atLeastOnce.length === 2 && exactlyOnce.length === 2)

    proxy.partition()
    await writer.appendToStream('incident-partition', newTestBatch(1), { expectedVersion: ANY })
    // The reads in flight get no answer: after the query timeout both subscriptions say so and retry.
    const restarted = (subscriber: string) => warnings.some((w) => w.code === 'SUBSCRIPTION_RESTARTED' && JSON.stringify(w).includes(subscriber))
    await eventually(() => restarted('at-least-once') && restarted('exactly-once'), 20_000)
    expect(stopped).toBeUndefined()

    proxy.heal()
    const distinct = (events: readonly RecordedEvent[]) => new Set(events.map((event) => event.id)).size
    await eventually(() => distinct(atLeastOnce) === 3 && distinct(exactlyOnce) === 3, 20_000)
    expect(stopped).toBeUndefined()

    // Partitioned again, with the subscriptions waiting on reads that get no answer: close still ends.
    proxy.partition()
    await within(20_000, store.close(), 'store.close()')
    expect(stopped).toBeUndefined()
    await writer.close()
    await proxy.close()
  })

  it('close does not wait for good on a notification sent over a connection the server stopped answering', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('partition')
    schemas.push(schema)
    const proxy = await startPartitionProxy()
    // The default query timeout (60 s): close must not wait for it either.
    const store = await createSqlEventStore({ url: proxy.url, schema })
    await store.appendToStream('incident-partition', newTestBatch(1), { expectedVersion: ANY })
    // Right after the first notification: this one is scheduled, sent when close settles.
    await store.appendToStream('incident-partition', newTestBatch(1), { expectedVersion: ANY })
    proxy.partition()
    await within(15_000, store.close(), 'store.close()')
    await proxy.close()
  })

  it('an append whose answer is lost fails with a transient error; sent again, it is answered with the events stored, stored once', { timeout: 60_000 }, async () => {
    const schema = uniqueSchema('partition')
    schemas.push(schema)
    const proxy = await startPartitionProxy()
    // One connection: the append goes where the answer is lost.
    const store = await createSqlEventStore({ url: proxy.url, schema, poolSize: 1, queryTimeoutMs: 1_000 })
    await store.appendToStream('incident-lost-answer', newTestBatch(1), { expectedVersion: ANY })
    const batch = newTestBatch(2)
    // Its notification answered, the connection is idle in the pool for the next append.
    await new Promise((resolve) => setTimeout(resolve, 200))
    // The statement (and its implicit COMMIT) reaches the server; the answer does not come back.
    proxy.deafen()
    const failure = await within(20_000, store.appendToStream('incident-lost-answer', batch, { expectedVersion: ANY }), 'the append').catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toMatch(/Query read timeout/)
    expect(isTransientDatabaseError(failure)).toBe(true)
    // The connection that lost the answer is retired: the same command again is answered from what was stored.
    const retried = await store.appendToStream('incident-lost-answer', batch, { expectedVersion: ANY })
    expect(retried.duplicate).toBe(true)
    expect(retried.events.map((event) => event.id)).toEqual(batch.map((event) => event.id))
    expect((await store.readStream('incident-lost-answer')).map((event) => event.id)).toEqual([expect.any(String), ...batch.map((event) => event.id)])
    await within(15_000, store.close(), 'store.close()')
    await proxy.close()
  })
})
