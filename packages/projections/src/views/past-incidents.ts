import * as E from 'fp-ts/lib/Either.js'
import { parseIsoTime } from '@incident-kit/core'
import type { IncidentReadModel, IncidentRecord } from '../model/read-model.js'
import { channelRef, type ChannelLinkOptions, type ChannelRef } from './incident-summary.js'
import { foldForSearch } from './fold-for-search.js'
import { compareIds, compareTimes, msBetween } from './ordering.js'

export interface PastIncidentsFilters extends ChannelLinkOptions {
  /** Incidents that started at or after this time. */
  readonly startedFrom?: string
  /** Incidents that started before this time. */
  readonly startedBefore?: string
  /** The commander at the end. */
  readonly commanderId?: string
  readonly playbookId?: string
  /**
   * Text in the incident's name, whatever its case and accents: `istanbul` finds `İstanbul`,
   * `strasse` finds `Straße`, `cafe` finds `Café` (both sides compared after {@link foldForSearch}).
   */
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

/** A filter that cannot mean anything: a time that is not ISO-8601, a negative or fractional page bound. */
export interface PastIncidentsFilterError {
  readonly _tag: 'PastIncidentsFilterError'
  readonly field: 'startedFrom' | 'startedBefore' | 'offset' | 'limit'
  readonly message: string
}

/** The filters with their times parsed, once, instead of per incident. */
interface CheckedFilters extends PastIncidentsFilters {
  /** `nameContains` folded, once. */
  readonly nameFolded: string | undefined
  readonly fromMs: number
  readonly beforeMs: number
  readonly offset: number
  readonly limit: number
}

const filterError = (field: PastIncidentsFilterError['field'], message: string): E.Either<PastIncidentsFilterError, never> =>
  E.left({ _tag: 'PastIncidentsFilterError', field, message })

const checkFilters = (filters: PastIncidentsFilters): E.Either<PastIncidentsFilterError, CheckedFilters> => {
  const fromMs = filters.startedFrom === undefined ? -Infinity : (parseIsoTime(filters.startedFrom)?.ms ?? Number.NaN)
  const beforeMs = filters.startedBefore === undefined ? Infinity : (parseIsoTime(filters.startedBefore)?.ms ?? Number.NaN)
  const offset = filters.offset ?? 0
  const limit = filters.limit ?? DEFAULT_PAGE_SIZE
  if (Number.isNaN(fromMs)) return filterError('startedFrom', `startedFrom is not an ISO-8601 time: ${JSON.stringify(filters.startedFrom)}`)
  if (Number.isNaN(beforeMs)) return filterError('startedBefore', `startedBefore is not an ISO-8601 time: ${JSON.stringify(filters.startedBefore)}`)
  if (!Number.isSafeInteger(offset) || offset < 0) return filterError('offset', `offset must be a whole number >= 0, got ${offset}`)
  if (!Number.isSafeInteger(limit) || limit < 0) return filterError('limit', `limit must be a whole number >= 0, got ${limit}`)
  const nameFolded = filters.nameContains === undefined ? undefined : foldForSearch(filters.nameContains)
  return E.right({ ...filters, nameFolded, fromMs, beforeMs, offset, limit })
}

const matches = (incident: IncidentRecord, teamId: string, filters: CheckedFilters) => {
  if (incident.teamId !== teamId || incident.status !== 'ended') return false
  const started = Date.parse(incident.startedAt)
  if (started < filters.fromMs || started >= filters.beforeMs) return false
  if (filters.commanderId !== undefined && incident.commanderId !== filters.commanderId) return false
  if (filters.playbookId !== undefined && incident.playbookId !== filters.playbookId) return false
  return filters.nameFolded === undefined || foldForSearch(incident.name).includes(filters.nameFolded)
}

/**
 * A team's ended incidents, most recently ended first (ties by id), filtered and paged: the place
 * to review past incidents for postmortems. A malformed filter is an error naming it, never
 * silently ignored.
 *
 * @example
 * pastIncidents(model, 'team-1', { nameContains: 'api', startedFrom: '2026-01-01T00:00:00Z', limit: 20 })
 * // right({ incidents: [{ name: 'API down', durationMs: 5400000, ... }], total: 1, offset: 0, limit: 20 })
 */
export const pastIncidents = (
  model: IncidentReadModel,
  teamId: string,
  filters: PastIncidentsFilters = {},
): E.Either<PastIncidentsFilterError, PastIncidentsPage> =>
  E.map((checked: CheckedFilters) => pageOf(model, teamId, checked))(checkFilters(filters))

const pageOf = (model: IncidentReadModel, teamId: string, filters: CheckedFilters): PastIncidentsPage => {
  const { offset, limit } = filters
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
