import type { Command } from '@incident-kit/core'

/** The demo's team, incident and day: fixed, so that every run tells the same story. */
export const DEMO_TEAM_ID = 'demo-security'
export const DEMO_INCIDENT_ID = 'demo-leaked-cloud-key'
export const DEMO_DAY = '2026-03-12'
/** A moment while the incident was active: the demo shows the side panel as it stood then. */
export const DEMO_PANEL_TIME = `${DEMO_DAY}T09:31:00.000Z`

/** One scripted step: who does what at what time of the demo day (UTC). */
export interface DemoStep {
  /** Unique within the scenario: the step's command id derives from it. */
  readonly key: string
  readonly at: string
  readonly actorId: string
  readonly command: Command
}

const i = DEMO_INCIDENT_ID
const on = <C extends Command>(key: string, at: string, actorId: string, command: C): DemoStep => ({ key, at, actorId, command })

/**
 * A leaked cloud access key, found by the on-call engineer, handed to the security lead, contained
 * and closed in about 80 minutes, started from the information security starter playbook.
 */
export const demoSteps = (playbookId: string): readonly DemoStep[] => [
  on('start', '08:52', 'alice', {
    type: 'StartIncident',
    incidentId: i,
    teamId: DEMO_TEAM_ID,
    name: 'Leaked cloud access key used from an unknown network',
    playbookId,
    severity: 'sev2',
    description: 'GuardDuty flagged API calls with the CI deploy key from 203.0.113.45, a network we never use.',
  }),
  on('link-channel', '08:52', 'incident-bot', { type: 'LinkChannel', incidentId: i, channelId: 'demo-channel-1', channelName: 'sec-leaked-cloud-key' }),
  on('detected', '08:53', 'alice', { type: 'SetMilestone', incidentId: i, milestone: 'detected', at: `${DEMO_DAY}T08:40:00.000Z` }),
  on('commander', '08:55', 'alice', { type: 'ChangeCommander', incidentId: i, commanderId: 'bob' }),
  on('true-positive', '08:56', 'alice', { type: 'CheckItem', incidentId: i, itemId: 'infosec-triage-1' }),
  on('assign-logs', '08:57', 'bob', { type: 'AssignItem', incidentId: i, itemId: 'infosec-evidence-3', assigneeId: 'carol' }),
  on('assign-rotate', '08:57', 'bob', { type: 'AssignItem', incidentId: i, itemId: 'infosec-contain-2', assigneeId: 'alice' }),
  on('assign-legal', '08:58', 'bob', { type: 'AssignItem', incidentId: i, itemId: 'infosec-obligations-1', assigneeId: 'dave' }),
  on('acknowledged', '09:00', 'bob', { type: 'SetMilestone', incidentId: i, milestone: 'acknowledged' }),
  on('status-1', '09:02', 'bob', {
    type: 'PostStatusUpdate',
    incidentId: i,
    message: 'Confirmed: the CI deploy key was used from 203.0.113.45 since 08:31. The key is disabled; rotation and log review are under way. Next update 09:30.',
  }),
  on('restrict-channel', '09:03', 'bob', { type: 'CheckItem', incidentId: i, itemId: 'infosec-triage-2' }),
  on('roles', '09:04', 'bob', { type: 'CheckItem', incidentId: i, itemId: 'infosec-triage-3' }),
  on('review-section', '09:05', 'bob', { type: 'AddSection', incidentId: i, sectionId: 'cloud-review', title: 'Cloud account review' }),
  on('review-trail', '09:05', 'bob', {
    type: 'AddItem',
    incidentId: i,
    sectionId: 'cloud-review',
    itemId: 'cloud-review-trail',
    title: 'Review the audit trail of every call made with the leaked key',
    assigneeId: 'carol',
  }),
  on('review-iam', '09:06', 'bob', {
    type: 'AddItem',
    incidentId: i,
    sectionId: 'cloud-review',
    itemId: 'cloud-review-iam',
    title: 'Look for new IAM users, roles and access keys',
    assigneeId: 'alice',
  }),
  on('rotated', '09:10', 'alice', { type: 'CheckItem', incidentId: i, itemId: 'infosec-contain-2' }),
  on('note-gist', '09:12', 'alice', {
    type: 'AddNote',
    incidentId: i,
    text: 'Source found: the key sat in a public gist pushed at 08:31 from a contractor\'s personal account. Gist taken down.',
  }),
  on('logs-exported', '09:15', 'carol', { type: 'CheckItem', incidentId: i, itemId: 'infosec-evidence-3' }),
  on('logs-reopened', '09:18', 'carol', { type: 'UncheckItem', incidentId: i, itemId: 'infosec-evidence-3' }),
  on('note-region', '09:18', 'carol', { type: 'AddNote', incidentId: i, text: 'The export misses eu-west-1: the trail there writes to another bucket. Exporting again.' }),
  on('blocked-iocs', '09:20', 'alice', { type: 'CheckItem', incidentId: i, itemId: 'infosec-contain-3' }),
  on('mitigated', '09:21', 'bob', { type: 'SetMilestone', incidentId: i, milestone: 'mitigated' }),
  on('no-hosts', '09:25', 'bob', { type: 'SkipItem', incidentId: i, itemId: 'infosec-evidence-1' }),
  on('no-hosts-isolate', '09:25', 'bob', { type: 'SkipItem', incidentId: i, itemId: 'infosec-contain-1' }),
  on('status-2', '09:30', 'bob', {
    type: 'PostStatusUpdate',
    incidentId: i,
    message: 'Contained: new key in place, attacker IP blocked, no new calls since 09:14. Reviewing what the key touched. Next update 10:00.',
  }),
  on('logs-again', '09:34', 'carol', { type: 'CheckItem', incidentId: i, itemId: 'infosec-evidence-3' }),
  on('scope', '09:36', 'carol', { type: 'CheckItem', incidentId: i, itemId: 'infosec-triage-4' }),
  on('iam-clean', '09:38', 'alice', { type: 'CheckItem', incidentId: i, itemId: 'cloud-review-iam' }),
  on('attacker-accounts', '09:39', 'alice', { type: 'CheckItem', incidentId: i, itemId: 'infosec-contain-4' }),
  on('trail-reviewed', '09:44', 'carol', { type: 'CheckItem', incidentId: i, itemId: 'cloud-review-trail' }),
  on('customer-data', '09:45', 'carol', { type: 'SetMetadata', incidentId: i, key: 'customer data accessed', value: 'none (read calls on the artifact bucket only)' }),
  on('legal', '09:47', 'dave', { type: 'CheckItem', incidentId: i, itemId: 'infosec-obligations-1' }),
  on('vector', '09:52', 'alice', { type: 'CheckItem', incidentId: i, itemId: 'infosec-eradicate-1' }),
  on('persistence', '09:54', 'alice', { type: 'CheckItem', incidentId: i, itemId: 'infosec-eradicate-2' }),
  on('leadership', '09:55', 'bob', { type: 'CheckItem', incidentId: i, itemId: 'infosec-obligations-4' }),
  on('resolved', '10:05', 'bob', { type: 'SetMilestone', incidentId: i, milestone: 'resolved' }),
  on('status-3', '10:06', 'bob', {
    type: 'PostStatusUpdate',
    incidentId: i,
    message: 'Resolved: no customer data touched, the key is revoked everywhere. Secret scanning for gists follows in the postmortem.',
  }),
  on('postmortem', '10:08', 'bob', { type: 'CheckItem', incidentId: i, itemId: 'infosec-follow-up-1' }),
  on('end', '10:10', 'bob', { type: 'EndIncident', incidentId: i }),
]
