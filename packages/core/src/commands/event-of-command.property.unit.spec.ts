import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decideIncident } from '../incident/decide-incident.js'
import { foldIncident } from '../incident/evolve-incident.js'
import { initialIncidentState, type IncidentState } from '../incident/incident-state.js'
import { decidePlaybook } from '../playbook/decide-playbook.js'
import { foldPlaybook } from '../playbook/evolve-playbook.js'
import { initialPlaybookState } from '../playbook/playbook-state.js'
import { incidentSessionArbitrary } from '../testing/command-arbitraries.js'
import { given, testContext } from '../testing/given-when-then.js'
import { incidentStarted } from '../testing/incident-fixtures.js'
import type { IncidentCommand, PlaybookCommand } from './command.js'
import { EVENT_OF_COMMAND } from './event-of-command.js'

describe('the event each command records', () => {
  it('is the one event decide gives for any incident command that succeeds (fast-check)', () => {
    fc.assert(
      fc.property(incidentSessionArbitrary, (session) => {
        let state: IncidentState = initialIncidentState
        for (const [command, actorId] of session) {
          const decided = decideIncident(command, state, testContext({ actorId }))
          if (E.isLeft(decided)) continue
          expect(decided.right.map((event) => event.type)).toEqual([EVENT_OF_COMMAND[command.type]])
          state = foldIncident(state, decided.right.map((event) => ({ ...event, occurredAt: testContext().now })))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('is the one event decide gives for the incident commands the sessions leave out', () => {
    const commands: IncidentCommand[] = [
      { type: 'LinkChannel', incidentId: 'i', channelId: 'ch', channelName: 'api-down' },
      { type: 'RecordStatusReminder', incidentId: 'i', dueAt: '2026-03-01T10:00:00.000Z' },
    ]
    for (const command of commands) {
      const events = E.getOrElseW(() => [])(given([incidentStarted()]).when(command).result)
      expect(events.map((event) => event.type)).toEqual([EVENT_OF_COMMAND[command.type]])
    }
  })

  it('is the one event decide gives for each playbook command', () => {
    const commands: PlaybookCommand[] = [
      { type: 'CreatePlaybook', playbookId: 'p', teamId: 't', title: 'Outage', checklists: [] },
      { type: 'UpdatePlaybook', playbookId: 'p', title: 'Outages', checklists: [] },
      { type: 'ArchivePlaybook', playbookId: 'p' },
    ]
    let state = initialPlaybookState
    for (const command of commands) {
      const events = E.getOrElseW(() => [])(decidePlaybook(command, state))
      expect(events.map((event) => event.type)).toEqual([EVENT_OF_COMMAND[command.type]])
      state = foldPlaybook(state, events.map((event) => ({ ...event, occurredAt: testContext().now })))
    }
  })
})
