import type { IncidentReadModel } from '../model/read-model.js'
import { compareIds, compareTimes } from './ordering.js'
import { incidentSummary, type ChannelLinkOptions, type IncidentSummary } from './incident-summary.js'

/**
 * The side panel: a team's active incidents, newest first (by start; ties by id, so the order is
 * stable). Other teams' incidents and ended ones are never listed.
 *
 * @example
 * activeIncidents(model, 'team-1', { baseUrl: 'https://chat.example.com/ops' })
 * // [{ name: 'API down', commanderId: 'alice', channel: { id, name, url }, progress: { done: 2, total: 5, ... }, ... }]
 */
export const activeIncidents = (
  model: IncidentReadModel,
  teamId: string,
  options: ChannelLinkOptions = {},
): IncidentSummary[] =>
  Object.values(model.incidents)
    .filter((incident) => incident.teamId === teamId && incident.status === 'active')
    .sort((a, b) => compareTimes(b.startedAt, a.startedAt) || compareIds(a.incidentId, b.incidentId))
    .map((incident) => incidentSummary(incident, options))
