import { teamReportStreams, type IncidentReadModel, type IncidentRecord, type ReportPeriod } from '@incident-kit/projections'

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

/**
 * The streams the `report` reply reads: `teamReportStreams` for the incidents that can count in
 * its windows (the period and the one it is compared with, from the earliest `from` to the latest
 * `to`) and their playbooks. The report's numbers are those of every stream of the team, but it
 * reads only the recent streams: a team's history grows without end, and Mattermost gives a slash
 * command 3 seconds.
 *
 * @example
 * const { current, previous } = precedingPeriods(now, DEFAULT_RECENT_DAYS)
 * reportWindowStreams(model, 'team-sec', [current, previous])
 */
export const reportWindowStreams = (model: IncidentReadModel, teamId: string, windows: readonly ReportPeriod[]): string[] => {
  const span = { from: Math.min(...windows.map((w) => Date.parse(w.from))), to: Math.max(...windows.map((w) => Date.parse(w.to))) }
  const incidents = Object.fromEntries(Object.entries(model.incidents).filter(([, incident]) => incident.teamId === teamId && canCountIn(incident, span)))
  return teamReportStreams({ ...model, incidents }, teamId)
}
