import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ANY, NO_STREAM, START, STREAM_EXISTS, createInMemoryEventStore, type EventStore, type ExpectedVersion } from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from './sql-event-store.js'

interface AppendStep {
  readonly stream: number
  readonly size: number
  readonly expected: ExpectedVersion
  /** Reuse the command id of an earlier step (a retried command), when there is one. */
  readonly repeatOf: number | undefined
}

const step = fc.record({
  stream: fc.integer({ min: 0, max: 2 }),
  size: fc.integer({ min: 1, max: 4 }),
  expected: fc.oneof(fc.constant<ExpectedVersion>(ANY), fc.constant(NO_STREAM), fc.constant(STREAM_EXISTS), fc.integer({ min: 0, max: 6 })),
  repeatOf: fc.option(fc.nat(), { nil: undefined }),
})

/** What an append did, in terms both stores must agree on. */
const outcome = async (store: EventStore, streamId: string, events: ReturnType<typeof newTestBatch>, expected: ExpectedVersion) => {
  try {
    const result = await store.appendToStream(streamId, events, { expectedVersion: expected })
    return { ok: true, duplicate: result.duplicate, nextVersion: result.nextVersion, ids: result.events.map((e) => e.id) }
  } catch (error) {
    const { code, expected: e, actual } = error as { code: string; expected?: unknown; actual?: number }
    return { ok: false, code, expected: e, actual }
  }
}

describe('SQLite store against the in-memory model', () => {
  it('agrees with the in-memory store on every sequence of appends, retries and conflicts', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps: AppendStep[]) => {
        const model = createInMemoryEventStore()
        const store = await createSqlEventStore({ url: 'sqlite::memory:' })
        const commandIds: string[] = []
        for (const s of steps) {
          const commandId = s.repeatOf !== undefined && commandIds.length > 0 ? commandIds[s.repeatOf % commandIds.length]! : undefined
          const events = newTestBatch(s.size, commandId === undefined ? {} : { commandId })
          commandIds.push(events[0]!.commandId)
          const streamId = `incident-${s.stream}`
          expect(await outcome(store, streamId, events, s.expected)).toEqual(await outcome(model, streamId, events, s.expected))
        }
        const [ours, theirs] = await Promise.all([store.readAll({ after: START, limit: 1000 }), model.readAll({ after: START, limit: 1000 })])
        const shape = (events: typeof ours.events) => events.map(({ id, streamId, version, commandId }) => ({ id, streamId, version, commandId }))
        expect(shape(ours.events)).toEqual(shape(theirs.events))
        await store.close()
      }),
      { numRuns: 200 },
    )
  })
})

describe('positions an append returns', () => {
  it('are the positions readAll gives, across multi-row insert chunks', async () => {
    const store = await createSqlEventStore({ url: 'sqlite::memory:' })
    const returned = new Map<string, string>()
    for (const size of [1, 49, 50, 51, 120, 3]) {
      const result = await store.appendToStream(`incident-${size}`, newTestBatch(size), { expectedVersion: NO_STREAM })
      result.events.forEach((e) => returned.set(e.id, e.position))
    }
    const { events } = await store.readAll({ after: START, limit: 1000 })
    expect(events).toHaveLength(returned.size)
    expect(new Map(events.map((e) => [e.id, e.position]))).toEqual(returned)
    await store.close()
  })
})
