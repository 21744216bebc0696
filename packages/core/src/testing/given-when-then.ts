import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import type { IncidentCommand } from '../commands/command.js'
import type { DecideContext } from '../decide-context.js'
import type { IncidentEvent } from '../events/catalogue.js'
import type { IncidentErrorTag } from '../errors.js'
import { decideIncident } from '../incident/decide-incident.js'
import { foldIncident } from '../incident/evolve-incident.js'
import { initialIncidentState } from '../incident/incident-state.js'
import { sequentialIds } from '../ports/id-generator.js'

export const TEST_NOW = '2026-03-01T09:00:00.000Z'

/** A fixed context: time `TEST_NOW`, actor `alice`, sequential ids. */
export const testContext = (overrides: Partial<DecideContext> = {}): DecideContext => {
  const ids = sequentialIds()
  return { now: TEST_NOW, actorId: 'alice', newId: () => ids.next(), ...overrides }
}

/**
 * A given/when/then test of the incident decider.
 *
 * @example
 * given([started]).when({ type: 'EndIncident', incidentId: 'i1' }).then([{ type: 'incident.ended', data: {} }])
 */
export const given = (history: readonly IncidentEvent[], context: DecideContext = testContext()) => ({
  when: (command: IncidentCommand) => {
    const state = foldIncident(
      initialIncidentState,
      history.map((event) => ({ ...event, occurredAt: context.now })),
    )
    const result = decideIncident(command, state, context)
    return {
      result,
      then: (expected: readonly IncidentEvent[]) => {
        expect(result).toEqual(E.right(expected))
      },
      thenFails: (tag: IncidentErrorTag, message?: RegExp) => {
        expect(E.isLeft(result) ? result.left._tag : 'no error').toBe(tag)
        if (message && E.isLeft(result)) expect(result.left.message).toMatch(message)
      },
    }
  },
})
