import { describe, expect, it } from 'vitest'
import { START, type RecordedEvent } from '../events/envelope.js'
import { ANY, NO_STREAM, STREAM_EXISTS, type EventStore, type ReadStreamOptions } from '../ports/event-store.js'
import { CONCURRENCY_CONFLICT, INVALID_APPEND, INVALID_CHECKPOINT, INVALID_READ } from '../ports/store-errors.js'
import { newTestBatch, newTestEvent } from './event-fixtures.js'

export interface EventStoreContractOptions {
  /** A fresh, empty store for each test. */
  readonly createStore: () => Promise<EventStore> | EventStore
}

const stream = () => `incident-${Math.random().toString(36).slice(2)}`

const readEverything = async (store: EventStore, limit: number) => {
  const events: RecordedEvent[] = []
  let after = START
  for (;;) {
    const page = await store.readAll({ after, limit })
    events.push(...page.events)
    if (page.events.length === 0) return { events, checkpoint: page.checkpoint }
    after = page.checkpoint
  }
}

const conflictOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toMatchObject({ code: CONCURRENCY_CONFLICT })
  return error as { expected: unknown; actual: number }
}

/**
 * The behaviour every `EventStore` must have. Run it from each implementation's tests:
 *
 * @example
 * eventStoreContract('in-memory', { createStore: () => createInMemoryEventStore() })
 */
export const eventStoreContract = (name: string, { createStore }: EventStoreContractOptions) => {
  describe(`EventStore contract: ${name}`, () => {
    // A single event and a batch: a store may insert them differently (Postgres does).
    it.each([1, 3])('appends %i event(s) atomically with contiguous versions and keeps every field', async (size) => {
      const store = await createStore()
      const id = stream()
      const batch = newTestBatch(size, { actorId: 'alice', occurredAt: '2026-02-03T04:05:06.789Z' })
      const result = await store.appendToStream(id, batch, { expectedVersion: NO_STREAM })
      expect(result.duplicate).toBe(false)
      expect(result.nextVersion).toBe(size)
      expect(result.events).toEqual(await store.readStream(id))
      const read = await store.readStream(id)
      expect(read.map((e) => e.version)).toEqual(batch.map((_, i) => i + 1))
      expect(read.map((e) => e.id)).toEqual(batch.map((e) => e.id))
      read.forEach((event, i) => {
        const { id: eventId, type, data, occurredAt, actorId, commandId, correlationId, schemaVersion } = batch[i]!
        expect(event).toMatchObject({ id: eventId, type, data, occurredAt, actorId, commandId, correlationId, schemaVersion, streamId: id })
        expect(Number.isNaN(Date.parse(event.recordedAt))).toBe(false)
      })
      await store.close()
    })

    it('keeps a recordedAt given with the append (a copy of a log recorded elsewhere)', async () => {
      const store = await createStore()
      const id = stream()
      const recordedAt = '2025-05-06T07:08:09.123Z'
      const result = await store.appendToStream(id, newTestBatch(2), { expectedVersion: NO_STREAM, recordedAt })
      const stamped = await store.appendToStream(id, newTestBatch(1), { expectedVersion: 2 })
      expect(result.events.map((e) => e.recordedAt)).toEqual([recordedAt, recordedAt])
      expect((await store.readStream(id)).map((e) => e.recordedAt)).toEqual([recordedAt, recordedAt, stamped.events[0]!.recordedAt])
      expect((await readEverything(store, 10)).events.map((e) => e.recordedAt)).toEqual([recordedAt, recordedAt, stamped.events[0]!.recordedAt])
      expect(stamped.events[0]!.recordedAt).not.toBe(recordedAt)
      await store.close()
    })

    it('refuses an append it could not give back, naming the stream, the event and the field, and stores none of it', async () => {
      const store = await createStore()
      const id = stream()
      const kept = await store.appendToStream(id, [newTestEvent()], { expectedVersion: NO_STREAM })
      const mixedCommands = [newTestEvent(), newTestEvent()]
      const refusals: [string, Promise<unknown>][] = [
        // Each names what was wrong; the second names the event too.
        ['commandId', store.appendToStream(id, mixedCommands, { expectedVersion: ANY })],
        ['event 2 of 2 (id', store.appendToStream(id, newTestBatch(2).map((e, i) => (i === 1 ? { ...e, occurredAt: 'yesterday' } : e)), { expectedVersion: ANY })],
        ['type', store.appendToStream(id, [newTestEvent({ type: '' })], { expectedVersion: ANY })],
        ['id', store.appendToStream(id, [newTestEvent({ id: '' })], { expectedVersion: ANY })],
        ['schemaVersion 0', store.appendToStream(id, [newTestEvent({ schemaVersion: 0 })], { expectedVersion: ANY })],
        ['data', store.appendToStream(id, [newTestEvent({ data: undefined })], { expectedVersion: ANY })],
        ['recordedAt "now"', store.appendToStream(id, [newTestEvent()], { expectedVersion: ANY, recordedAt: 'now' })],
        // PostgreSQL cannot hold these, and JSON would change the Date: every store refuses them alike.
        ['data.text contains a NUL character', store.appendToStream(id, [newTestEvent({ data: { text: 'a\u0000b' } })], { expectedVersion: ANY })],
        ['actorId contains a lone UTF-16 surrogate', store.appendToStream(id, [newTestEvent({ actorId: 'x\ud800' })], { expectedVersion: ANY })],
        ['data.at is a Date', store.appendToStream(id, [newTestEvent({ data: { at: new Date() } })], { expectedVersion: ANY })],
        ['stream id contains a NUL character', store.appendToStream(`${id}\u0000`, [newTestEvent()], { expectedVersion: ANY })],
        ['event 3 of 3 repeats the id "twice" of event 1', store.appendToStream(id, newTestBatch(3).map((e, i) => (i === 1 ? e : { ...e, id: 'twice' })), { expectedVersion: ANY })],
      ]
      for (const [field, refused] of refusals) {
        const error = await refused.then(() => undefined, (e: unknown) => e)
        expect(error, field).toMatchObject({ code: INVALID_APPEND })
        expect((error as Error).message, field).toContain(id)
        expect((error as Error).message, field).toContain(field)
      }
      expect(await refusals[1]![1].catch((e: Error) => e.message)).toMatch(/occurredAt "yesterday" is not a UTC ISO-8601 timestamp/)
      expect((await store.readStream(id)).map((e) => e.id)).toEqual(kept.events.map((e) => e.id))
      expect((await readEverything(store, 10)).events.map((e) => e.id)).toEqual(kept.events.map((e) => e.id))
      await store.close()
    })

    it('refuses an event id stored by an earlier append, and stores none of the append', async () => {
      const store = await createStore()
      const id = stream()
      const kept = await store.appendToStream(id, [newTestEvent()], { expectedVersion: NO_STREAM })
      const reusing = newTestBatch(2).map((e, i) => (i === 1 ? { ...e, id: kept.events[0]!.id } : e))
      const refused = stream()
      const error = await store.appendToStream(refused, reusing, { expectedVersion: ANY }).then(() => undefined, (e: unknown) => e)
      expect(error).toMatchObject({ code: INVALID_APPEND, message: `cannot append to ${refused}: event id ${JSON.stringify(kept.events[0]!.id)} is already stored` })
      expect((await readEverything(store, 10)).events.map((e) => e.id)).toEqual(kept.events.map((e) => e.id))
      await store.close()
    })

    it('finds nothing for a stream or command id with text no append accepts', async () => {
      const store = await createStore()
      expect(await store.readStream('incident-\u0000')).toEqual([])
      expect(await store.readByCommandId('command-\ud800')).toEqual([])
      await store.close()
    })

    it('enforces every kind of expected version and reports expected and actual', async () => {
      const store = await createStore()
      const id = stream()
      const missing = await conflictOf(store.appendToStream(id, [newTestEvent()], { expectedVersion: STREAM_EXISTS }))
      expect(missing.actual).toBe(0)
      const wrongExact = await conflictOf(store.appendToStream(id, [newTestEvent()], { expectedVersion: 2 }))
      expect(wrongExact).toMatchObject({ expected: 2, actual: 0 })
      await store.appendToStream(id, [newTestEvent()], { expectedVersion: NO_STREAM })
      const exists = await conflictOf(store.appendToStream(id, [newTestEvent()], { expectedVersion: NO_STREAM }))
      expect(exists).toMatchObject({ expected: NO_STREAM, actual: 1 })
      const exactZero = await conflictOf(store.appendToStream(id, newTestBatch(2), { expectedVersion: 0 }))
      expect(exactZero).toMatchObject({ expected: 0, actual: 1 })
      const ahead = await conflictOf(store.appendToStream(id, newTestBatch(2), { expectedVersion: 3 }))
      expect(ahead).toMatchObject({ expected: 3, actual: 1 })
      await store.appendToStream(id, [newTestEvent()], { expectedVersion: 1 })
      await store.appendToStream(id, [newTestEvent()], { expectedVersion: STREAM_EXISTS })
      await store.appendToStream(id, [newTestEvent()], { expectedVersion: ANY })
      const stale = await conflictOf(store.appendToStream(id, [newTestEvent()], { expectedVersion: 2 }))
      expect(stale).toMatchObject({ expected: 2, actual: 4 })
      expect((await store.readStream(id)).length).toBe(4)
      await store.close()
    })

    it('holds an empty append to its expected version too, and stores nothing', async () => {
      const store = await createStore()
      const id = stream()
      expect(await conflictOf(store.appendToStream(id, [], { expectedVersion: STREAM_EXISTS }))).toMatchObject({ expected: STREAM_EXISTS, actual: 0 })
      expect(await store.appendToStream(id, [], { expectedVersion: NO_STREAM })).toEqual({ events: [], nextVersion: 0, duplicate: false })
      await store.appendToStream(id, newTestBatch(2), { expectedVersion: NO_STREAM })
      expect(await conflictOf(store.appendToStream(id, [], { expectedVersion: 5 }))).toMatchObject({ expected: 5, actual: 2 })
      expect(await conflictOf(store.appendToStream(id, [], { expectedVersion: NO_STREAM }))).toMatchObject({ expected: NO_STREAM, actual: 2 })
      for (const expectedVersion of [2, ANY, STREAM_EXISTS]) {
        expect(await store.appendToStream(id, [], { expectedVersion })).toEqual({ events: [], nextVersion: 2, duplicate: false })
      }
      expect((await readEverything(store, 10)).events).toHaveLength(2)
      await store.close()
    })

    it('lets exactly one of two racing appends with the same expected version win', async () => {
      const store = await createStore()
      const id = stream()
      await store.appendToStream(id, [newTestEvent()], { expectedVersion: NO_STREAM })
      const results = await Promise.allSettled([
        store.appendToStream(id, newTestBatch(2), { expectedVersion: 1 }),
        store.appendToStream(id, newTestBatch(2), { expectedVersion: 1 }),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect((await store.readStream(id)).map((e) => e.version)).toEqual([1, 2, 3])
      await store.close()
    })

    it('returns the first result for a repeated commandId and appends nothing', async () => {
      const store = await createStore()
      const id = stream()
      const batch = newTestBatch(2)
      const first = await store.appendToStream(id, batch, { expectedVersion: NO_STREAM })
      const retry = newTestBatch(2, { commandId: batch[0]!.commandId })
      const again = await store.appendToStream(id, retry, { expectedVersion: NO_STREAM })
      expect(again.duplicate).toBe(true)
      expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id))
      expect((await store.readStream(id)).length).toBe(2)
      expect((await store.readByCommandId(batch[0]!.commandId)).map((e) => e.id)).toEqual(batch.map((e) => e.id))
      expect(await store.readByCommandId('never-seen')).toEqual([])
      await store.close()
    })

    it('reads the events of each command, also between other commands of the same stream', async () => {
      const store = await createStore()
      const id = stream()
      const commands = [newTestBatch(2), newTestBatch(3), newTestBatch(1)]
      for (const batch of commands) await store.appendToStream(id, batch, { expectedVersion: ANY })
      await store.appendToStream(stream(), newTestBatch(2), { expectedVersion: ANY })
      for (const batch of commands) {
        expect((await store.readByCommandId(batch[0]!.commandId)).map((e) => e.id)).toEqual(batch.map((e) => e.id))
      }
      await store.close()
    })

    it('recognises a repeated commandId whose expectation still holds (any), and appends nothing', async () => {
      const store = await createStore()
      const id = stream()
      const batch = newTestBatch(2)
      const first = await store.appendToStream(id, batch, { expectedVersion: ANY })
      const again = await store.appendToStream(id, newTestBatch(2, { commandId: batch[0]!.commandId }), { expectedVersion: ANY })
      expect(again).toMatchObject({ duplicate: true, nextVersion: 2 })
      expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id))
      expect((await store.readStream(id)).map((e) => e.id)).toEqual(batch.map((e) => e.id))
      await store.close()
    })

    it('returns the first result when the very same events are sent again, whatever the expectation and stream', async () => {
      const store = await createStore()
      const [id, other] = [stream(), stream()]
      const batch = newTestBatch(2)
      const first = await store.appendToStream(id, batch, { expectedVersion: NO_STREAM })
      for (const [target, expectedVersion] of [[id, ANY], [id, STREAM_EXISTS], [id, NO_STREAM], [id, 0], [other, ANY], [other, NO_STREAM]] as const) {
        const again = await store.appendToStream(target, batch, { expectedVersion })
        expect(again.duplicate).toBe(true)
        expect(again.events.map((e) => [e.id, e.streamId, e.version])).toEqual(first.events.map((e) => [e.id, e.streamId, e.version]))
      }
      expect((await store.readStream(id)).map((e) => e.id)).toEqual(batch.map((e) => e.id))
      expect(await store.readStream(other)).toEqual([])
      await store.close()
    })

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
  })
}
