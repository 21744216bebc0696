import type { RecordedEvent } from '@incident-kit/core'
import { createIncidentScenario } from '@incident-kit/projections/testing'

const MINUTE = 60_000

/**
 * A realistic history for the view tests: one playbook, an outage on team `ops` worked through and
 * ended, a second active `ops` incident, an incident of another team, and an older ended `ops`
 * incident. `times` holds when each step happened, so tests compute what views should show.
 */
export const outageScenario = async () => {
  const s = createIncidentScenario('2026-03-01T08:00:00.000Z')
  const times: Record<string, string> = {}
  const step = async (label: string, actor: string, command: Parameters<typeof s.run>[1], advanceMs = MINUTE) => {
    s.advance(advanceMs)
    times[label] = s.now()
    await s.run(actor, command)
  }

  await step('playbookCreated', 'alice', {
    type: 'CreatePlaybook',
    playbookId: 'pb-outage',
    teamId: 'ops',
    title: 'Outage',
    defaultSeverity: 'sev2',
    checklists: [
      {
        sectionId: 'triage',
        title: 'Triage',
        items: [
          { itemId: 'assess', title: 'Assess impact' },
          { itemId: 'page', title: 'Page on-call', dueAfterMinutes: 15 },
        ],
      },
    ],
  })
  await step('olderStarted', 'dave', { type: 'StartIncident', incidentId: 'older', teamId: 'ops', name: 'Disk full on db-2' })
  await step('olderEnded', 'dave', { type: 'EndIncident', incidentId: 'older' }, 30 * MINUTE)

  await step('started', 'alice', {
    type: 'StartIncident',
    incidentId: 'api',
    teamId: 'ops',
    name: 'API down',
    playbookId: 'pb-outage',
    commanderId: 'bob',
  }, 60 * MINUTE)
  await step('channelLinked', 'bot', { type: 'LinkChannel', incidentId: 'api', channelId: 'ch-api', channelName: 'incident-api-down' }, 0)
  await step('rollbackAdded', 'bob', { type: 'AddItem', incidentId: 'api', sectionId: 'triage', itemId: 'rollback', title: 'Roll back deploy' }, 2 * MINUTE)
  await step('rollbackAssigned', 'bob', { type: 'AssignItem', incidentId: 'api', itemId: 'rollback', assigneeId: 'carol' })
  await step('rollbackDue', 'bob', { type: 'SetItemDue', incidentId: 'api', itemId: 'rollback', dueAt: '2026-03-01T10:00:00.000Z' })
  await step('assessChecked', 'carol', { type: 'CheckItem', incidentId: 'api', itemId: 'assess' }, 3 * MINUTE)
  await step('firstStatus', 'bob', { type: 'PostStatusUpdate', incidentId: 'api', message: 'Investigating elevated 5xx' })
  await step('note', 'carol', { type: 'AddNote', incidentId: 'api', text: 'Deploy 4711 correlates with the errors' }, 2 * MINUTE)
  await step('detected', 'bob', { type: 'SetMilestone', incidentId: 'api', milestone: 'detected', at: '2026-03-01T09:20:00.000Z' })
  await step('rollbackChecked', 'carol', { type: 'CheckItem', incidentId: 'api', itemId: 'rollback' }, 10 * MINUTE)
  await step('rollbackUnchecked', 'carol', { type: 'UncheckItem', incidentId: 'api', itemId: 'rollback' }, 2 * MINUTE)
  await step('rollbackRenamed', 'bob', { type: 'RenameItem', incidentId: 'api', itemId: 'rollback', title: 'Roll back deploy 4711' })
  await step('rollbackRechecked', 'carol', { type: 'CheckItem', incidentId: 'api', itemId: 'rollback' }, 5 * MINUTE)
  await step('pageSkipped', 'bob', { type: 'SkipItem', incidentId: 'api', itemId: 'page' })
  await step('commanderChanged', 'bob', { type: 'ChangeCommander', incidentId: 'api', commanderId: 'erin' })
  await step('severitySet', 'erin', { type: 'SetMetadata', incidentId: 'api', key: 'severity', value: 'sev1' })
  await step('regionSet', 'erin', { type: 'SetMetadata', incidentId: 'api', key: 'region', value: 'eu-west' })
  await step('secondStatus', 'erin', { type: 'PostStatusUpdate', incidentId: 'api', message: 'Rolled back, error rate normal' }, 4 * MINUTE)

  await step('dbStarted', 'frank', { type: 'StartIncident', incidentId: 'db', teamId: 'ops', name: 'Replica lag', severity: 'sev3' })
  await step('otherTeamStarted', 'gina', { type: 'StartIncident', incidentId: 'web', teamId: 'web-team', name: 'CDN errors' })
  await step('apiEnded', 'erin', { type: 'EndIncident', incidentId: 'api' }, 20 * MINUTE)

  const events: readonly RecordedEvent[] = await s.events()
  return { events, times, store: s.store }
}

