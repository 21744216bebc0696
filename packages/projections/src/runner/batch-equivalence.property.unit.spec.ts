import { createInMemoryEventStore, createInMemoryProjectionStateStore, type RecordedEvent } from '@incident-kit/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyBatch, createProjectionRunner, incidentReadModelProjection, type IncidentReadModel } from '../index.js'
import { modelOf } from '../../test/build-model.js'
import { futureEvent, logOf, sessionArbitrary } from '../../test/generated-log.js'

const projection = incidentReadModelProjection

/** The log with future events put in at the given indexes, positions renumbered in order. */
const withFutureEvents = (log: readonly RecordedEvent[], at: readonly number[]): RecordedEvent[] => {
  const result = [...log]
  at.forEach((index, n) => result.splice(Math.min(index, result.length), 0, futureEvent(n, log[0]!)))
  return result.map((event, i) => ({ ...event, position: String(i + 1) }))
}

/** A snapshot as a store keeps it: plain JSON, nothing shared with the live state. */
const persisted = (state: IncidentReadModel): IncidentReadModel => JSON.parse(JSON.stringify(state)) as IncidentReadModel

const logArbitrary = fc.tuple(sessionArbitrary, fc.array(fc.nat({ max: 80 }), { maxLength: 3 }))

describe('any split into batches and any restart point', () => {
  it('gives the state of one full rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, fc.array(fc.nat({ max: 100 })), fc.array(fc.boolean()), async ([session, futureAt], cuts, restarts) => {
        const log = withFutureEvents(await logOf(session), futureAt)
        const bounds = [...new Set([0, ...cuts.map((c) => c % (log.length + 1)), log.length])].sort((a, b) => a - b)
        let state = projection.init
        bounds.slice(1).forEach((end, i) => {
          state = applyBatch(projection, state, log.slice(bounds[i], end)).state
          if (restarts[i]) state = persisted(state)
        })
        expect(state).toEqual(modelOf(log))
        expect(state.skipped.unknownType).toBe(futureAt.length)
      }),
      { numRuns: 120 },
    )
  })

  it('gives the same state through the runner, restarted at any command boundary', async () => {
    await fc.assert(
      fc.asyncProperty(sessionArbitrary, fc.nat(), fc.integer({ min: 1, max: 7 }), async (session, restartAt, batchSize) => {
        const log = await logOf(session)
        const commands = [...new Set(log.map((e) => e.commandId))]
        const cut = commands[restartAt % commands.length]!
        const firstPart = log.slice(0, log.findIndex((e) => e.commandId === cut))
        const rest = log.slice(firstPart.length)
        const store = createInMemoryEventStore({ initialEvents: firstPart, now: () => '2026-03-02T00:00:00.000Z' })
        const stateStore = createInMemoryProjectionStateStore()

        const before = createProjectionRunner({ store, stateStore, projection, batchSize })
        await before.start()
        await before.caughtUp()
        await before.stop()
        for (const commandId of commands.slice(commands.indexOf(cut))) {
          const events = rest.filter((e) => e.commandId === commandId)
          await store.appendToStream(events[0]!.streamId, events, { expectedVersion: events[0]!.version - 1 })
        }
        const after = createProjectionRunner({ store, stateStore, projection, batchSize })
        await after.start()
        await after.caughtUp()
        await after.stop()
        const stored = (await store.readAll({ after: '', limit: Number.MAX_SAFE_INTEGER })).events
        expect(after.state()).toEqual(modelOf(stored))
        expect(after.stats().applied).toBe(rest.length)
      }),
      { numRuns: 40 },
    )
  })
})
