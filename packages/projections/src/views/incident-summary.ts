import type { IncidentRecord, StatusUpdateRecord } from '../model/read-model.js'
import { checklistProgress, type ChecklistProgress } from './checklist-progress.js'

/** The incident's channel; `url` only when the caller gave a base URL. */
export interface ChannelRef {
  readonly id: string | null
  readonly name: string
  readonly url: string | null
}

export interface ChannelLinkOptions {
  /**
   * The team's address in the chat server, e.g. `https://chat.example.com/ops`: the channel's link
   * is `<baseUrl>/channels/<channel name>`. Without it, `url` is `null`.
   */
  readonly baseUrl?: string
}

/** What the side panel shows of an incident (and what the detail view starts with). */
export interface IncidentSummary {
  readonly incidentId: string
  readonly teamId: string
  readonly name: string
  readonly status: 'active' | 'ended'
  readonly commanderId: string
  readonly channel: ChannelRef
  readonly startedAt: string
  readonly severity: string | null
  readonly progress: ChecklistProgress
  readonly lastStatusUpdate: StatusUpdateRecord | null
  readonly playbookId: string | null
}

/**
 * The channel of an incident with its link.
 *
 * @example
 * channelRef(incident, { baseUrl: 'https://chat.example.com/ops' }).url // '.../ops/channels/incident-api-down'
 */
export const channelRef = (incident: IncidentRecord, options: ChannelLinkOptions = {}): ChannelRef => ({
  id: incident.channelId,
  name: incident.channelName,
  url:
    options.baseUrl === undefined
      ? null
      : `${options.baseUrl.replace(/\/+$/, '')}/channels/${encodeURIComponent(incident.channelName)}`,
})

/**
 * The summary of one incident record.
 *
 * @example
 * const summary = incidentSummary(model.incidents['i1']!, { baseUrl })
 */
export const incidentSummary = (incident: IncidentRecord, options: ChannelLinkOptions = {}): IncidentSummary => ({
  incidentId: incident.incidentId,
  teamId: incident.teamId,
  name: incident.name,
  status: incident.status,
  commanderId: incident.commanderId,
  channel: channelRef(incident, options),
  startedAt: incident.startedAt,
  severity: incident.metadata.severity ?? null,
  progress: checklistProgress(incident),
  lastStatusUpdate: incident.statusUpdates.at(-1) ?? null,
  playbookId: incident.playbookId,
})
