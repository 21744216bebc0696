import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeCommand } from '../commands/command.js'
import { domainEvent } from '../events/catalogue.js'
import { given, testContext } from '../testing/given-when-then.js'
import { decideIncident } from './decide-incident.js'
import { initialIncidentState } from './incident-state.js'
import { incidentStarted } from '../testing/incident-fixtures.js'

const started = incidentStarted({
  checklists: [{ sectionId: 'triage', title: 'Triage', items: [{ itemId: 'impact', title: 'Assess impact', dueAt: '2026-03-01T10:00:00Z' }] }],
})

describe('times in commands', () => {
  it.each([
    { type: 'SetItemDue', incidentId: 'i', itemId: 'impact', dueAt: '2026-02-31T09:00:00Z' },
    { type: 'SetMilestone', incidentId: 'i', milestone: 'detected', at: '2026-04-31T09:00:00Z' },
    { type: 'RecordStatusReminder', incidentId: 'i', dueAt: '2026-03-01T24:00:00Z' },
    { type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', checklists: [{ sectionId: 's', title: 'S', items: [{ itemId: 'a', title: 'A', dueAt: '2026-06-31T09:00:00Z' }] }] },
  ])('refuses a day that does not exist or 24:00 at the edge: $type', (command) => {
    expect(decodeCommand(command)).toMatchObject(E.left({ _tag: 'InvalidCommand' }))
  })

  it('compares due dates as instants and stores them in the log spelling', () => {
    given([started]).when({ type: 'SetItemDue', incidentId: 'i', itemId: 'impact', dueAt: '2026-03-01T10:00:00.000Z' }).thenFails('NoChange')
    given([started]).when({ type: 'SetItemDue', incidentId: 'i', itemId: 'impact', dueAt: '2026-03-01T11:00:00Z' }).then([
      domainEvent('checklist.item_due_set', { itemId: 'impact', dueAt: '2026-03-01T11:00:00.000Z' }),
    ])
  })

  it("stores a due time of a starting incident's checklist in the log spelling", () => {
    const checklists = [{ sectionId: 's', title: 'S', items: [{ itemId: 'a', title: 'A', dueAt: '2026-03-01T10:00:00Z' }] }]
    const events = decideIncident({ type: 'StartIncident', incidentId: 'i', teamId: 't', name: 'x', checklists }, initialIncidentState, testContext())
    expect(events).toMatchObject(E.right([{ data: { checklists: [{ items: [{ dueAt: '2026-03-01T10:00:00.000Z' }] }] } }]))
  })

  it('recognises a reminder already sent for the same instant', () => {
    given([started, domainEvent('incident.status_reminder_sent', { dueAt: '2026-03-01T09:30:00Z' })])
      .when({ type: 'RecordStatusReminder', incidentId: 'i', dueAt: '2026-03-01T09:30:00.000Z' })
      .thenFails('NoChange')
  })
})
