import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  createInMemoryEventStore,
  type EventStore,
  type ExpectedVersion,
  type RecordedEvent,
} from '@incident-kit/core'
import { newTestBatch } from '@incident-kit/core/testing'
import { createSqlEventStore } from './sql-event-store.js'
import { describePostgres, dropSchemas, POSTGRES_TEST_URL, uniqueSchema } from './testing/test-databases.js'

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

const shape = (events: readonly RecordedEvent[], prefix: string) =>
  events.map(({ id, streamId, version, commandId }) => ({ id, streamId: streamId.slice(prefix.length), version, commandId }))

/** The end of the store's log now: what a run appends comes after it. */
const endOfLog = async (store: EventStore) => {
  let after = START
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 })
    if (page.events.length === 0) return after
    after = page.checkpoint
  }
}

/** Runs the steps on the store (streams under `prefix`) and on a fresh in-memory model, comparing each outcome and the log. */
const agreesWithModel = async (store: EventStore, prefix: string, steps: readonly AppendStep[]) => {
  const model = createInMemoryEventStore()
  const from = await endOfLog(store)
  const commandIds: string[] = []
  for (const s of steps) {
    const repeated = s.repeatOf !== undefined && commandIds.length > 0 ? commandIds[s.repeatOf % commandIds.length]! : undefined
    const events = newTestBatch(s.size, repeated === undefined ? {} : { commandId: repeated })
    commandIds.push(events[0]!.commandId)
    const ours = await outcome(store, `${prefix}incident-${s.stream}`, events, s.expected)
    expect(ours).toEqual(await outcome(model, `incident-${s.stream}`, events, s.expected))
  }
  const [ours, theirs] = await Promise.all([store.readAll({ after: from, limit: 1000 }), model.readAll({ after: START, limit: 1000 })])
  expect(shape(ours.events, prefix)).toEqual(shape(theirs.events, ''))
}

const steps = fc.array(step, { minLength: 1, maxLength: 25 })

describe('SQLite store against the in-memory model', () => {
  it('agrees with the in-memory store on every sequence of appends, retries and conflicts', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (generated: AppendStep[]) => {
        const store = await createSqlEventStore({ url: 'sqlite::memory:' })
        await agreesWithModel(store, '', generated)
        await store.close()
      }),
      { numRuns: 200 },
    )
  })
})

describePostgres('PostgreSQL store against the in-memory model', () => {
  const schemas: string[] = []
  afterAll(() => dropSchemas(schemas))

  it('agrees with the in-memory store on every sequence of appends, retries and conflicts', { timeout: 120_000 }, async () => {
    const schema = uniqueSchema('model')
    schemas.push(schema)
    const store = await createSqlEventStore({ url: POSTGRES_TEST_URL, schema })
    let run = 0
    await fc.assert(
      fc.asyncProperty(steps, (generated: AppendStep[]) => agreesWithModel(store, `run${run++}-`, generated)),
      { numRuns: 30 },
    )
    await store.close()
  })
})

describe('positions an append returns', () => {
  it('are the positions readAll gives, for batches of every size', async () => {
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
