import { expect, it } from 'vitest'
import { START } from '../events/envelope.js'
import { ANY, NO_STREAM, type ReadStreamOptions } from '../ports/event-store.js'
import { INVALID_CHECKPOINT, INVALID_READ } from '../ports/store-errors.js'
import { newTestBatch } from './event-fixtures.js'
import { readEverything, stream, type EventStoreContractOptions } from './store-contract-helpers.js'

/** The contract's reads: stream ranges, read bounds, the global log's pages and checkpoints. Part of `eventStoreContract`. */
export const readContract = ({ createStore }: EventStoreContractOptions) => {
  it('reads a stream by version range', async () => {
    const store = await createStore()
    const id = stream()
    await store.appendToStream(id, newTestBatch(5), { expectedVersion: NO_STREAM })
    expect((await store.readStream(id, { fromVersion: 2, toVersion: 4 })).map((e) => e.version)).toEqual([2, 3, 4])
    expect((await store.readStream(id, { fromVersion: 5 })).map((e) => e.version)).toEqual([5])
    expect(await store.readStream('incident-none')).toEqual([])
    await store.close()
  })

  it('reads a stream from any whole version to any whole version, however far past its end', async () => {
    const store = await createStore()
    const id = stream()
    await store.appendToStream(id, newTestBatch(3), { expectedVersion: NO_STREAM })
    const versions = async (options: ReadStreamOptions) => (await store.readStream(id, options)).map((e) => e.version)
    expect(await versions({ fromVersion: 0 })).toEqual([1, 2, 3])
    expect(await versions({ toVersion: 0 })).toEqual([])
    expect(await versions({ fromVersion: 3, toVersion: 2 })).toEqual([])
    expect(await versions({ toVersion: Infinity })).toEqual([1, 2, 3])
    expect(await versions({ toVersion: Number.MAX_SAFE_INTEGER })).toEqual([1, 2, 3])
    expect(await versions({ fromVersion: 2 ** 31 })).toEqual([])
    expect(await versions({ fromVersion: Number.MAX_SAFE_INTEGER })).toEqual([])
    await store.close()
  })

  it('refuses read bounds that are not whole numbers in range, naming the argument and the value', async () => {
    const store = await createStore()
    const id = stream()
    await store.appendToStream(id, newTestBatch(3), { expectedVersion: NO_STREAM })
    const refusals: [string, Promise<unknown>][] = [
      [`cannot read ${id}: fromVersion 1.5 is not a whole number from 0`, store.readStream(id, { fromVersion: 1.5 })],
      [`cannot read ${id}: fromVersion -1 is not a whole number from 0`, store.readStream(id, { fromVersion: -1 })],
      [`cannot read ${id}: fromVersion NaN is not a whole number from 0`, store.readStream(id, { fromVersion: NaN })],
      [`cannot read ${id}: toVersion 2.5 is not a whole number from 0 or Infinity`, store.readStream(id, { toVersion: 2.5 })],
      [`cannot read ${id}: toVersion "3" is not a whole number from 0 or Infinity`, store.readStream(id, { toVersion: '3' as unknown as number })],
      ['cannot read the log: limit -1 is not a whole number from 1', store.readAll({ after: START, limit: -1 })],
      ['cannot read the log: limit 0 is not a whole number from 1', store.readAll({ after: START, limit: 0 })],
      ['cannot read the log: limit 1.5 is not a whole number from 1', store.readAll({ after: START, limit: 1.5 })],
      ['cannot read the log: limit Infinity is not a whole number from 1', store.readAll({ after: START, limit: Infinity })],
      ['cannot read the log: limit 1e+21 is not a whole number from 1', store.readAll({ after: START, limit: 1e21 })],
    ]
    for (const [message, refused] of refusals) {
      await expect(refused, message).rejects.toMatchObject({ code: INVALID_READ, message })
    }
    expect((await store.readAll({ after: START, limit: Number.MAX_SAFE_INTEGER })).events).toHaveLength(3)
    // A subscription reads with its batchSize as the limit.
    const subscription = store.subscribe({ after: START, batchSize: 0, handler: () => undefined })
    await expect(subscription.closed).rejects.toMatchObject({ code: INVALID_READ, message: expect.stringContaining('limit 0') })
    await store.close()
  })

  it('pages the global log in append order without gaps or repeats', async () => {
    const store = await createStore()
    const [a, b] = [stream(), stream()]
    const written: string[] = []
    for (let i = 0; i < 7; i++) {
      const batch = newTestBatch(1 + (i % 3))
      written.push(...batch.map((e) => e.id))
      await store.appendToStream(i % 2 ? a : b, batch, { expectedVersion: ANY })
    }
    for (const limit of [1, 3, 100]) {
      const { events, checkpoint } = await readEverything(store, limit)
      expect(events.map((e) => e.id)).toEqual(written)
      expect(checkpoint).toBe(events.at(-1)!.position)
    }
    const empty = await store.readAll({ after: (await readEverything(store, 100)).checkpoint, limit: 10 })
    expect(empty.events).toEqual([])
    await store.close()
  })

  it('refuses a checkpoint it did not hand out, naming it, in reads and subscriptions', async () => {
    const store = await createStore()
    await store.appendToStream(stream(), newTestBatch(2), { expectedVersion: NO_STREAM })
    // Read as the beginning or the end, such a checkpoint would replay the log or wait forever.
    for (const checkpoint of ['garbage', '-1', '1.5', ' 1', '1:']) {
      await expect(store.readAll({ after: checkpoint, limit: 10 }), checkpoint).rejects.toMatchObject({
        code: INVALID_CHECKPOINT,
        message: expect.stringContaining(`"${checkpoint}"`),
      })
    }
    const subscription = store.subscribe({ after: 'garbage', handler: () => undefined })
    await expect(subscription.closed).rejects.toMatchObject({ code: INVALID_CHECKPOINT })
    await store.close()
  })
}
