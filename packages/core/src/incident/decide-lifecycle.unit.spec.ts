import { describe, it } from 'vitest'
import { domainEvent, type IncidentEvent } from '../events/catalogue.js'
import { given, testContext, TEST_NOW } from '../testing/given-when-then.js'

const incidentId = 'inc-1'
const started = domainEvent('incident.started', {
  incidentId,
  teamId: 'team-1',
  name: 'Checkout errors',
  channelName: 'checkout-errors',
  commanderId: 'alice',
  reporterId: 'alice',
  checklists: [],
})
const ended: IncidentEvent = domainEvent('incident.ended', {})

describe('starting an incident', () => {
  it('makes the reporter the commander unless another is named', () => {
    given([]).when({ type: 'StartIncident', incidentId, teamId: 'team-1', name: ' Checkout errors ' }).then([started])
    given([], testContext({ actorId: 'bob' }))
      .when({ type: 'StartIncident', incidentId, teamId: 'team-1', name: 'Checkout errors', commanderId: 'alice' })
      .then([domainEvent('incident.started', { ...started.data, reporterId: 'bob' })])
  })

  it('rejects an empty name and a second start', () => {
    given([]).when({ type: 'StartIncident', incidentId, teamId: 'team-1', name: '  ' }).thenFails('InvalidCommand', /name/)
    given([started]).when({ type: 'StartIncident', incidentId, teamId: 'team-1', name: 'Again' }).thenFails('IncidentAlreadyExists')
  })

  it('rejects a checklist that uses an id twice', () => {
    given([])
      .when({
        type: 'StartIncident',
        incidentId,
        teamId: 'team-1',
        name: 'x',
        checklists: [{ sectionId: 's', title: 'S', items: [{ itemId: 's', title: 'clash' }] }],
      })
      .thenFails('InvalidCommand', /used twice/)
  })
})

describe('incident lifecycle', () => {
  it('ends an active incident and reopens an ended one', () => {
    given([started]).when({ type: 'EndIncident', incidentId }).then([ended])
    given([started, ended]).when({ type: 'ReopenIncident', incidentId }).then([domainEvent('incident.reopened', {})])
    given([started]).when({ type: 'ReopenIncident', incidentId }).thenFails('IncidentNotEnded')
    given([]).when({ type: 'ReopenIncident', incidentId }).thenFails('IncidentNotFound')
  })

  it('rejects every change but reopen once ended', () => {
    const afterEnd = given([started, ended])
    afterEnd.when({ type: 'EndIncident', incidentId }).thenFails('IncidentEnded')
    afterEnd.when({ type: 'ChangeCommander', incidentId, commanderId: 'bob' }).thenFails('IncidentEnded')
    afterEnd.when({ type: 'AddNote', incidentId, text: 'late note' }).thenFails('IncidentEnded')
    afterEnd.when({ type: 'CheckItem', incidentId, itemId: 'x' }).thenFails('IncidentEnded')
  })

  it('rejects commands on an incident that does not exist', () => {
    given([]).when({ type: 'EndIncident', incidentId }).thenFails('IncidentNotFound')
    given([]).when({ type: 'AddSection', incidentId, title: 'Triage' }).thenFails('IncidentNotFound')
  })

  it('changes the commander and records from whom', () => {
    given([started]).when({ type: 'ChangeCommander', incidentId, commanderId: 'bob' }).then([domainEvent('incident.commander_changed', { from: 'alice', to: 'bob' })])
    given([started]).when({ type: 'ChangeCommander', incidentId, commanderId: 'alice' }).thenFails('NoChange')
  })

  it('posts status updates to the broadcast channels of the incident', () => {
    const withBroadcast = domainEvent('incident.started', { ...started.data, broadcastChannelIds: ['town-hall'] })
    given([withBroadcast])
      .when({ type: 'PostStatusUpdate', incidentId, message: ' Mitigated; monitoring ' })
      .then([domainEvent('incident.status_updated', { message: 'Mitigated; monitoring', broadcastChannelIds: ['town-hall'] })])
    given([started]).when({ type: 'PostStatusUpdate', incidentId, message: '' }).thenFails('InvalidCommand', /message/)
  })

  it('sets and clears metadata, refusing a change that changes nothing', () => {
    const severity = domainEvent('incident.metadata_set', { key: 'severity', value: 'SEV1' })
    given([started]).when({ type: 'SetMetadata', incidentId, key: 'severity', value: 'SEV1' }).then([severity])
    given([started, severity]).when({ type: 'SetMetadata', incidentId, key: 'severity', value: 'SEV1' }).thenFails('NoChange')
    given([started, severity]).when({ type: 'SetMetadata', incidentId, key: 'severity', value: null }).then([domainEvent('incident.metadata_set', { key: 'severity', value: null })])
  })

  it('keeps a milestone time said in the past, and defaults to now', () => {
    given([started])
      .when({ type: 'SetMilestone', incidentId, milestone: 'detected', at: '2026-03-01T08:40:00.000Z' })
      .then([domainEvent('incident.milestone_set', { milestone: 'detected', at: '2026-03-01T08:40:00.000Z' })])
    given([started]).when({ type: 'SetMilestone', incidentId, milestone: 'mitigated' }).then([domainEvent('incident.milestone_set', { milestone: 'mitigated', at: TEST_NOW })])
  })

  it('adds notes, renames, links the channel and records reminders once', () => {
    given([started]).when({ type: 'AddNote', incidentId, text: 'Customer reports', postId: 'p1' }).then([domainEvent('incident.note_added', { text: 'Customer reports', postId: 'p1' })])
    given([started]).when({ type: 'RenameIncident', incidentId, name: 'Checkout down' }).then([domainEvent('incident.renamed', { name: 'Checkout down' })])
    const linked = domainEvent('incident.channel_linked', { channelId: 'ch1', channelName: 'checkout-errors' })
    given([started]).when({ type: 'LinkChannel', incidentId, channelId: 'ch1', channelName: 'checkout-errors' }).then([linked])
    given([started, linked]).when({ type: 'LinkChannel', incidentId, channelId: 'ch1', channelName: 'checkout-errors' }).thenFails('NoChange')
    const reminder = domainEvent('incident.status_reminder_sent', { dueAt: '2026-03-01T09:30:00.000Z' })
    given([started]).when({ type: 'RecordStatusReminder', incidentId, dueAt: '2026-03-01T09:30:00.000Z' }).then([reminder])
    given([started, reminder]).when({ type: 'RecordStatusReminder', incidentId, dueAt: '2026-03-01T09:30:00.000Z' }).thenFails('NoChange')
  })
})
