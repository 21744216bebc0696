import type { IncidentReadModel, IncidentRecord } from '../model/read-model.js'
import { channelRef, type ChannelLinkOptions, type ChannelRef } from './incident-summary.js'
import { compareIds, compareTimes, msBetween } from './ordering.js'

export interface PastIncidentsFilters extends ChannelLinkOptions {
  /** Incidents that started at or after this time. */
  readonly startedFrom?: string
  /** Incidents that started before this time. */
  readonly startedBefore?: string
  /** The commander at the end. */
  readonly commanderId?: string
  readonly playbookId?: string
  /** Case-insensitive text in the incident's name. */
  readonly nameContains?: string
  /** How many matching incidents to pass over; 0 by default. */
  readonly offset?: number
  /** The page size; `DEFAULT_PAGE_SIZE` by default. */
  readonly limit?: number
}

export const DEFAULT_PAGE_SIZE = 50

export interface PastIncident {
  readonly incidentId: string
  readonly name: string
  readonly commanderId: string
  readonly playbookId: string | null
  /** The playbook's title, when the model has seen the playbook's events. */
  readonly playbookTitle: string | null
  readonly severity: string | null
  readonly channel: ChannelRef
  readonly startedAt: string
  readonly endedAt: string
  /** From the start to the last end (time spent reopened counts; the time between does too). */
  readonly durationMs: number
}

export interface PastIncidentsPage {
  readonly incidents: readonly PastIncident[]
  /** How many ended incidents match the filters, over all pages. */
  readonly total: number
  readonly offset: number
  readonly limit: number
}

const matches = (incident: IncidentRecord, teamId: string, filters: PastIncidentsFilters) => {
  if (incident.teamId !== teamId || incident.status !== 'ended') return false
  const started = Date.parse(incident.startedAt)
  if (filters.startedFrom !== undefined && started < Date.parse(filters.startedFrom)) return false
  if (filters.startedBefore !== undefined && started >= Date.parse(filters.startedBefore)) return false
  if (filters.commanderId !== undefined && incident.commanderId !== filters.commanderId) return false
  if (filters.playbookId !== undefined && incident.playbookId !== filters.playbookId) return false
  return filters.nameContains === undefined || incident.name.toLowerCase().includes(filters.nameContains.toLowerCase())
}

/**
 * A team's ended incidents, most recently ended first (ties by id), filtered and paged: the place
 * to review past incidents for postmortems.
 *
 * @example
 * pastIncidents(model, 'team-1', { nameContains: 'api', startedFrom: '2026-01-01T00:00:00Z', limit: 20 })
 * // { incidents: [{ name: 'API down', durationMs: 5400000, ... }], total: 1, offset: 0, limit: 20 }
 */
export const pastIncidents = (
  model: IncidentReadModel,
  teamId: string,
  filters: PastIncidentsFilters = {},
): PastIncidentsPage => {
  const offset = Math.max(0, filters.offset ?? 0)
  const limit = Math.max(0, filters.limit ?? DEFAULT_PAGE_SIZE)
  const matching = Object.values(model.incidents)
    .filter((incident) => matches(incident, teamId, filters))
    .sort((a, b) => compareTimes(b.endedAt!, a.endedAt!) || compareIds(a.incidentId, b.incidentId))
  const incidents = matching.slice(offset, offset + limit).map((incident) => ({
    incidentId: incident.incidentId,
    name: incident.name,
    commanderId: incident.commanderId,
    playbookId: incident.playbookId,
    playbookTitle: incident.playbookId === null ? null : (model.playbooks[incident.playbookId]?.title ?? null),
    severity: incident.metadata.severity ?? null,
    channel: channelRef(incident, filters),
    startedAt: incident.startedAt,
    endedAt: incident.endedAt!,
    durationMs: msBetween(incident.startedAt, incident.endedAt)!,
  }))
  return { incidents, total: matching.length, offset, limit }
}
