import { incidentStreamId, playbookStreamId } from '@incident-kit/core'
import type { IncidentReadModel } from '../model/read-model.js'

/**
 * The streams a team's report reads: the team's incident streams and the streams of the playbooks
 * the report can name (those its incidents were started from, and `playbookId` when the report is
 * for one playbook); no other team's incidents or playbooks. The report folds each stream on its
 * own, so these streams, each in order and in any order of streams, give the same report as the
 * whole log (a property test checks it). A reader with a read model up to date (the bot's live
 * model) reads them instead of the log of every team.
 *
 * @example
 * const streams = await Promise.all(teamReportStreams(model, 'team-sec').map((id) => store.readStream(id)))
 * buildTeamReport(streams.flat(), { teamId: 'team-sec', period })
 */
export const teamReportStreams = (model: IncidentReadModel, teamId: string, playbookId?: string): string[] => {
  const incidents = Object.values(model.incidents).filter((incident) => incident.teamId === teamId)
  const playbookIds = new Set(incidents.flatMap((incident) => (incident.playbookId === null ? [] : [incident.playbookId])))
  if (playbookId !== undefined) playbookIds.add(playbookId)
  return [...incidents.map((incident) => incidentStreamId(incident.incidentId)), ...[...playbookIds].map(playbookStreamId)]
}
