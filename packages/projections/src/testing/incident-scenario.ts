import * as E from 'fp-ts/lib/Either.js'
import {
  readWholeLog,
  createCommandHandler,
  createInMemoryEventStore,
  manualClock,
  sequentialIds,
  type Command,
  type EventStore,
  type RecordedEvent,
  type StoredEvent,
} from '@incident-kit/core'

/** A scripted incident history run through the real command handler, with a clock moved by hand. */
export interface IncidentScenario {
  readonly store: EventStore
  /** Moves the clock forward. */
  advance(ms: number): IncidentScenario
  /** Sets the clock. */
  at(iso: string): IncidentScenario
  now(): string
  /** Handles a command as `actorId`; throws if the core rejects it (a scenario must be valid). */
  run(actorId: string, command: Command): Promise<readonly StoredEvent[]>
  /** The whole log in global order. */
  events(): Promise<readonly RecordedEvent[]>
}

/**
 * Builds event logs for tests from commands, so that the log is one the core would write.
 *
 * @example
 * const s = createIncidentScenario('2026-03-01T08:00:00.000Z')
 * await s.run('alice', { type: 'StartIncident', incidentId: 'i1', teamId: 't1', name: 'API down' })
 * await s.advance(60_000).run('bob', { type: 'AddNote', incidentId: 'i1', text: 'looking' })
 * const model = buildReadModel(await s.events())
 */
export const createIncidentScenario = (startAt: string): IncidentScenario => {
  const clock = manualClock(startAt)
  const store = createInMemoryEventStore({ now: clock.now })
  const handler = createCommandHandler({ store, clock, ids: sequentialIds() })
  let commands = 0
  const scenario: IncidentScenario = {
    store,
    advance: (ms) => {
      clock.advance(ms)
      return scenario
    },
    at: (iso) => {
      clock.set(iso)
      return scenario
    },
    now: clock.now,
    run: async (actorId, command) => {
      commands += 1
      const result = await handler.handle(command, { commandId: `command-${commands}`, actorId })
      if (E.isLeft(result)) throw new Error(`scenario command ${command.type} rejected: ${result.left.message}`)
      return result.right
    },
    events: () => readWholeLog(store),
  }
  return scenario
}
