import { expect, it } from 'vitest'
import { START } from '../events/envelope.js'
import { NO_STREAM } from '../ports/event-store.js'
import { newTestBatch, newTestEvent } from './event-fixtures.js'
import { stream, type EventStoreContractOptions } from './store-contract-helpers.js'

/** The contract's subscriptions: catch-up then live, busy handlers, closing, failing handlers. Part of `eventStoreContract`. */
export const subscriptionContract = ({ createStore }: EventStoreContractOptions) => {
  it('subscribes: catches up from a checkpoint, then follows live appends in order', async () => {
    const store = await createStore()
    const id = stream()
    const before = newTestBatch(3)
    await store.appendToStream(id, before, { expectedVersion: NO_STREAM })
    const firstPage = await store.readAll({ after: START, limit: 1 })
    const seen: string[] = []
    let resolveDone: () => void = () => undefined
    const done = new Promise<void>((resolve) => (resolveDone = resolve))
    const subscription = store.subscribe({
      after: firstPage.checkpoint,
      batchSize: 2,
      handler: (events) => {
        seen.push(...events.map((e) => e.id))
        if (seen.length === 4) resolveDone()
      },
    })
    const live = newTestBatch(2)
    await store.appendToStream(id, live, { expectedVersion: 3 })
    await done
    await subscription.close()
    await subscription.closed
    expect(seen).toEqual([...before.slice(1), ...live].map((e) => e.id))
    await store.close()
  })

  it('delivers an event appended while the handler is busy, without waiting for another append', async () => {
    const store = await createStore()
    const id = stream()
    await store.appendToStream(id, [newTestEvent()], { expectedVersion: NO_STREAM })
    const seen: number[] = []
    let resolveSecond: () => void = () => undefined
    const second = new Promise<void>((resolve) => (resolveSecond = resolve))
    const subscription = store.subscribe({
      after: START,
      handler: async (events) => {
        seen.push(...events.map((e) => e.version))
        // Append while this batch is still being handled: the subscription must come back for it.
        if (seen.length === 1) await store.appendToStream(id, [newTestEvent()], { expectedVersion: 1 })
        if (seen.includes(2)) resolveSecond()
      },
    })
    await second
    await subscription.close()
    expect(seen).toEqual([1, 2])
    await store.close()
  })

  it('closes its open subscriptions when it closes, one caught up and waiting and one mid-batch', async () => {
    const store = await createStore()
    await store.appendToStream(stream(), newTestBatch(2), { expectedVersion: NO_STREAM })
    const seen: string[] = []
    let caughtUp: () => void = () => undefined
    const waiting = new Promise<void>((resolve) => (caughtUp = resolve))
    const idle = store.subscribe({ after: START, handler: (events) => void seen.push(...events.map((e) => e.id)), batchSize: 10 })
    let inHandler: () => void = () => undefined
    const handling = new Promise<void>((resolve) => (inHandler = resolve))
    const busy = store.subscribe({
      after: START,
      batchSize: 1,
      handler: async () => {
        inHandler()
        await new Promise((resolve) => setTimeout(resolve, 20))
        caughtUp()
      },
    })
    await handling
    await waiting
    await store.close()
    await expect(idle.closed).resolves.toBeUndefined()
    await expect(busy.closed).resolves.toBeUndefined()
    expect(seen).toHaveLength(2)
  })

  it('stops a subscription whose handler throws and reports the error', async () => {
    const store = await createStore()
    await store.appendToStream(stream(), newTestBatch(2), { expectedVersion: NO_STREAM })
    const subscription = store.subscribe({
      after: START,
      handler: () => {
        throw new Error('projection failed')
      },
    })
    await expect(subscription.closed).rejects.toThrow('projection failed')
    await subscription.close()
    await store.close()
  })
}
