import type { RecordedEvent } from '@incident-kit/core'
import { minutesAfter } from '../report/test-log.js'
import { createIncidentScenario } from '../testing/incident-scenario.js'

/** Text an attacker might type into an incident: must appear as text, never run or load. */
export const XSS_ATTEMPT = `<script>document.title='pwned'</script><img src="https://evil.example/x.png" onerror="alert(1)">`

export const SECURITY_INCIDENT_START = '2026-03-03T08:00:00.000Z'

/**
 * A security incident started from a playbook, run through the real command handler: a commander
 * change, milestones (one back-dated), status updates, items checked, one unchecked and checked
 * again, one skipped, one left open, an item added mid-way, a note carrying markup, and the end.
 * Also a second, shorter incident of the same team and one of another team, for reports.
 *
 * @example
 * const events = await securityIncidentLog()
 */
export const securityIncidentLog = async (): Promise<readonly RecordedEvent[]> => {
  const s = createIncidentScenario('2026-03-01T12:00:00.000Z')
  await s.run('alice', {
    type: 'CreatePlaybook',
    playbookId: 'pb-security',
    teamId: 'team-sec',
    title: 'Security incident',
    checklists: [
      {
        sectionId: 'triage',
        title: 'Triage',
        items: [
          { itemId: 'scope', title: 'Confirm scope of the compromise' },
          { itemId: 'rotate', title: 'Rotate exposed credentials' },
        ],
      },
      {
        sectionId: 'comms',
        title: 'Communication',
        items: [
          { itemId: 'legal', title: 'Inform legal and privacy' },
          { itemId: 'customers', title: 'Notify affected customers' },
        ],
      },
    ],
  })
  const run = (minutes: number, actor: string, command: Parameters<typeof s.run>[1]) =>
    s.at(minutesAfter(SECURITY_INCIDENT_START, minutes)).run(actor, command)
  const incident = { incidentId: 'sec-1' }
  await run(0, 'alice', { type: 'StartIncident', ...incident, teamId: 'team-sec', name: `Leaked API token ${XSS_ATTEMPT}`, playbookId: 'pb-security', severity: 'high', description: 'A deploy token was pushed to a public repository.' })
  await run(2, 'alice', { type: 'SetMilestone', ...incident, milestone: 'acknowledged' })
  await run(4, 'alice', { type: 'ChangeCommander', ...incident, commanderId: 'bob' })
  await run(6, 'bob', { type: 'SetMilestone', ...incident, milestone: 'detected', at: '2026-03-03T07:40:00.000Z' })
  await run(9, 'bob', { type: 'AssignItem', ...incident, itemId: 'rotate', assigneeId: 'carol' })
  await run(12, 'bob', { type: 'PostStatusUpdate', ...incident, message: 'Token revoked; checking access logs.' })
  await run(15, 'bob', { type: 'CheckItem', ...incident, itemId: 'scope' })
  await run(21, 'carol', { type: 'CheckItem', ...incident, itemId: 'rotate' })
  await run(25, 'bob', { type: 'AddNote', ...incident, text: `Attacker payload seen in logs: ${XSS_ATTEMPT}` })
  await run(27, 'carol', { type: 'UncheckItem', ...incident, itemId: 'rotate' })
  await run(30, 'bob', { type: 'AddItem', ...incident, sectionId: 'triage', itemId: 'audit', title: 'Audit CI secrets | *all* pipelines' })
  await run(41, 'carol', { type: 'CheckItem', ...incident, itemId: 'rotate' })
  await run(45, 'bob', { type: 'SetMilestone', ...incident, milestone: 'mitigated' })
  await run(50, 'bob', { type: 'CheckItem', ...incident, itemId: 'legal' })
  await run(55, 'bob', { type: 'SkipItem', ...incident, itemId: 'customers' })
  await run(58, 'bob', { type: 'SetMetadata', ...incident, key: 'root_cause', value: 'Token committed in a test fixture' })
  await run(60, 'bob', { type: 'PostStatusUpdate', ...incident, message: 'Mitigated. No customer data accessed.' })
  await run(75, 'bob', { type: 'EndIncident', ...incident })

  const second = { incidentId: 'sec-2' }
  await run(3 * 24 * 60, 'dave', { type: 'StartIncident', ...second, teamId: 'team-sec', name: 'Phishing mail to staff', playbookId: 'pb-security', severity: 'medium' })
  await run(3 * 24 * 60 + 10, 'dave', { type: 'SetMilestone', ...second, milestone: 'acknowledged' })
  await run(3 * 24 * 60 + 20, 'dave', { type: 'PostStatusUpdate', ...second, message: 'Blocking the sender domain.' })
  await run(3 * 24 * 60 + 40, 'dave', { type: 'CheckItem', ...second, itemId: 'scope' })
  await run(3 * 24 * 60 + 200, 'dave', { type: 'EndIncident', ...second })

  await run(9 * 24 * 60, 'erin', { type: 'StartIncident', incidentId: 'ops-1', teamId: 'team-ops', name: 'Disk full on db-3' })
  await run(9 * 24 * 60 + 30, 'erin', { type: 'EndIncident', incidentId: 'ops-1' })
  return s.events()
}
