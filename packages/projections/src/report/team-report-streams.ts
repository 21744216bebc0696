import { incidentStreamId, playbookStreamId } from '@incident-kit/core'
import type { IncidentReadModel, IncidentRecord } from '../model/read-model.js'
import { largest, smallest } from './extremes.js'
import type { ReportPeriod } from './report-period.js'

/**
 * Whether an incident can count anywhere in a report over `span`: started before its end, and
 * active at some time since its start. An incident all of whose events (every end of every span,
 * for one reopened) happened before the start is ended as of any time the report looks at, so it
 * is in no count, duration, item statistic or week of it. Looking at every event rather than
 * `endedAt` stays right however a reopen moved the end, and when a slow clock stamped events out of order.
 */
const canCountIn = (incident: IncidentRecord, span: { from: number; to: number }): boolean =>
  Date.parse(incident.startedAt) < span.to &&
  (incident.endedAt === null || incident.timeline.some((record) => Date.parse(record.occurredAt) >= span.from))

/** Whether an incident can count in a report over `periods` (any incident when none are given). */
const inPeriods = (periods: readonly ReportPeriod[] | undefined) => {
  if (periods === undefined || periods.length === 0) return () => true
  const span = { from: smallest(periods.map((p) => Date.parse(p.from))), to: largest(periods.map((p) => Date.parse(p.to))) }
  return (incident: IncidentRecord) => canCountIn(incident, span)
}

/**
 * The streams a team's report reads: the team's incident streams and the streams of the playbooks
 * the report can name (those its incidents were started from, and `playbookId` when the report is
 * for one playbook); no other team's incidents or playbooks. Given the `periods` a report covers
 * (say, the period and the one it is compared with), only the incidents that can count in them: a
 * team's history grows without end, and the bot's reply must come within Mattermost's 3 seconds.
 * The report folds each stream on its own, so these streams, each in order and in any order of
 * streams, give the same report as the whole log (tests check it). A reader with a read model up
 * to date (the bot's live model) reads them instead of the log of every team.
 *
 * @example
 * const streams = await Promise.all(teamReportStreams(model, 'team-sec', undefined, [current, previous]).map((id) => store.readStream(id)))
 * buildTeamReport(streams.flat(), { teamId: 'team-sec', period: current })
 */
export const teamReportStreams = (model: IncidentReadModel, teamId: string, playbookId?: string, periods?: readonly ReportPeriod[]): string[] => {
  const counts = inPeriods(periods)
  const incidents = Object.values(model.incidents).filter((incident) => incident.teamId === teamId && counts(incident))
  const playbookIds = new Set(incidents.flatMap((incident) => (incident.playbookId === null ? [] : [incident.playbookId])))
  if (playbookId !== undefined) playbookIds.add(playbookId)
  return [...incidents.map((incident) => incidentStreamId(incident.incidentId)), ...[...playbookIds].map(playbookStreamId)]
}
