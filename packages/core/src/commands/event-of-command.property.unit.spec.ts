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
import { testContext } from '../testing/given-when-then.js'
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

  /** Every incident command once, in an order in which each succeeds. */
  const everyIncidentCommand: IncidentCommand[] = [
    { type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'API down', checklists: [{ sectionId: 's', title: 'Triage', items: [{ itemId: 'a', title: 'Page', command: '/page' }, { itemId: 'b', title: 'Roll back' }] }] },
    { type: 'LinkChannel', incidentId: 'i', channelId: 'ch', channelName: 'api-down' },
    { type: 'RenameIncident', incidentId: 'i', name: 'API outage' },
    { type: 'ChangeCommander', incidentId: 'i', commanderId: 'bob' },
    { type: 'PostStatusUpdate', incidentId: 'i', message: 'Investigating' },
    { type: 'RecordStatusReminder', incidentId: 'i', dueAt: '2026-03-01T10:00:00.000Z' },
    { type: 'SetMetadata', incidentId: 'i', key: 'region', value: 'eu' },
    { type: 'AddNote', incidentId: 'i', text: 'Paged the vendor' },
    { type: 'SetMilestone', incidentId: 'i', milestone: 'detected' },
    { type: 'AddSection', incidentId: 'i', sectionId: 's2', title: 'Recovery' },
    { type: 'RenameSection', incidentId: 'i', sectionId: 's2', title: 'Restore' },
    { type: 'AddItem', incidentId: 'i', sectionId: 's2', itemId: 'c', title: 'Fail over' },
    { type: 'RenameItem', incidentId: 'i', itemId: 'c', title: 'Fail over now' },
    { type: 'MoveItem', incidentId: 'i', itemId: 'c', toSectionId: 's' },
    { type: 'CheckItem', incidentId: 'i', itemId: 'a' },
    { type: 'UncheckItem', incidentId: 'i', itemId: 'a' },
    { type: 'SkipItem', incidentId: 'i', itemId: 'b' },
    { type: 'RestoreItem', incidentId: 'i', itemId: 'b' },
    { type: 'AssignItem', incidentId: 'i', itemId: 'a', assigneeId: 'bob' },
    { type: 'SetItemDue', incidentId: 'i', itemId: 'a', dueAt: '2026-03-01T11:00:00.000Z' },
    { type: 'RunItemCommand', incidentId: 'i', itemId: 'a' },
    { type: 'RemoveItem', incidentId: 'i', itemId: 'c' },
    { type: 'RemoveSection', incidentId: 'i', sectionId: 's2' },
    { type: 'EndIncident', incidentId: 'i' },
    { type: 'ReopenIncident', incidentId: 'i' },
  ]

  it('is the one event decide gives for every incident command, each in turn', () => {
    let state: IncidentState = initialIncidentState
    for (const command of everyIncidentCommand) {
      const decided = decideIncident(command, state, testContext({ actorId: 'alice' }))
      expect({ command: command.type, events: E.isRight(decided) ? decided.right.map((event) => event.type) : decided.left }).toEqual({
        command: command.type,
        events: [EVENT_OF_COMMAND[command.type]],
      })
      if (E.isRight(decided)) state = foldIncident(state, decided.right.map((event) => ({ ...event, occurredAt: testContext().now })))
    }
  })

  const everyPlaybookCommand: PlaybookCommand[] = [
    { type: 'CreatePlaybook', playbookId: 'p', teamId: 't', title: 'Outage', checklists: [] },
    { type: 'UpdatePlaybook', playbookId: 'p', title: 'Outages', checklists: [] },
    { type: 'ArchivePlaybook', playbookId: 'p' },
  ]

  it('is the one event decide gives for each playbook command', () => {
    let state = initialPlaybookState
    for (const command of everyPlaybookCommand) {
      const events = E.getOrElseW(() => [])(decidePlaybook(command, state))
      expect(events.map((event) => event.type)).toEqual([EVENT_OF_COMMAND[command.type]])
      state = foldPlaybook(state, events.map((event) => ({ ...event, occurredAt: testContext().now })))
    }
  })

  it('is tried above for every command type there is', () => {
    const tried = new Set([...everyIncidentCommand, ...everyPlaybookCommand].map((command) => command.type))
    expect([...tried].sort()).toEqual(Object.keys(EVENT_OF_COMMAND).sort())
  })
})
