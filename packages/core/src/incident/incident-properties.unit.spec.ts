import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { IncidentCommand } from '../commands/command.js'
import type { IncidentEvent } from '../events/catalogue.js'
import { decodeEvent, encodeEventData } from '../events/decode-event.js'
import { sequentialIds } from '../ports/id-generator.js'
import { incidentSessionArbitrary } from '../testing/command-arbitraries.js'
import { incidentInvariantViolations } from '../testing/incident-invariants.js'
import { decideIncident } from './decide-incident.js'
import { evolveIncident, foldIncident } from './evolve-incident.js'
import { initialIncidentState, type IncidentState } from './incident-state.js'

const RUNS = { numRuns: 300 }
const START_MS = Date.parse('2026-03-01T09:00:00.000Z')

type Timed = IncidentEvent & { occurredAt: string }

/** Decides and evolves a session step by step, as the handler does; one minute per command. */
const runLive = (session: ReadonlyArray<readonly [IncidentCommand, string]>) => {
  const ids = sequentialIds()
  let state: IncidentState = initialIncidentState
  const events: Timed[] = []
  const states: IncidentState[] = []
  session.forEach(([command, actorId], step) => {
    const now = new Date(START_MS + step * 60_000).toISOString()
    const decided = decideIncident(command, state, { now, actorId, newId: () => ids.next() })
    if (E.isRight(decided)) {
      for (const event of decided.right) {
        const timed = { ...event, occurredAt: now } as Timed
        events.push(timed)
        state = evolveIncident(state, timed)
      }
    }
    states.push(state)
  })
  return { state, events, states }
}

describe('incident invariants (fast-check)', () => {
  it('any command sequence never throws and keeps the state valid, with contiguous versions', () => {
    fc.assert(
      fc.property(incidentSessionArbitrary, (session) => {
        const { states, events } = runLive(session)
        for (const state of states) expect(incidentInvariantViolations(state)).toEqual([])
        expect(states.at(-1)!.version).toBe(events.length)
      }),
      RUNS,
    )
  })

  it('replaying the log in one fold equals the state built live', () => {
    fc.assert(
      fc.property(incidentSessionArbitrary, fc.nat({ max: 40 }), (session, cut) => {
        const { state, events } = runLive(session)
        expect(foldIncident(initialIncidentState, events)).toEqual(state)
        // Folding in two batches gives the same state as one.
        const split = Math.min(cut, events.length)
        expect(foldIncident(foldIncident(initialIncidentState, events.slice(0, split)), events.slice(split))).toEqual(state)
      }),
      RUNS,
    )
  })

  it('every produced event round-trips through its codec and JSON', () => {
    fc.assert(
      fc.property(incidentSessionArbitrary, (session) => {
        const { events } = runLive(session)
        events.forEach((event, i) => {
          const recorded = {
            id: `e${i}`,
            type: event.type,
            streamId: 'incident-inc-1',
            version: i + 1,
            occurredAt: event.occurredAt,
            recordedAt: event.occurredAt,
            actorId: 'alice',
            commandId: `c${i}`,
            correlationId: `c${i}`,
            schemaVersion: 1,
            position: String(i + 1),
            data: JSON.parse(JSON.stringify(encodeEventData(event))),
          }
          const decoded = decodeEvent(JSON.parse(JSON.stringify(recorded)))
          expect(decoded).toEqual(E.right({ ...recorded, data: event.data }))
        })
      }),
      RUNS,
    )
  })

  it('decide is deterministic: the same command, state and context give the same result', () => {
    fc.assert(
      fc.property(incidentSessionArbitrary, (session) => {
        const { state } = runLive(session.slice(0, -1))
        const [command, actorId] = session.at(-1)!
        const context = () => {
          const ids = sequentialIds(100)
          return { now: '2026-03-02T00:00:00.000Z', actorId, newId: () => ids.next() }
        }
        expect(decideIncident(command, state, context())).toEqual(decideIncident(command, state, context()))
      }),
      RUNS,
    )
  })
})
