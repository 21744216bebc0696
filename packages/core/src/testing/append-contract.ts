import { expect, it } from 'vitest'
import { ANY, NO_STREAM, STREAM_EXISTS } from '../ports/event-store.js'
import { INVALID_APPEND } from '../ports/store-errors.js'
import { newTestBatch, newTestEvent } from './event-fixtures.js'
import { conflictOf, readEverything, stream, type EventStoreContractOptions } from './store-contract-helpers.js'

/** The contract's appends: atomicity, expected versions, idempotent commands, refusals. Part of `eventStoreContract`. */
export const appendContract = ({ createStore }: EventStoreContractOptions) => {
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
}
