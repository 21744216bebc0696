import type { ItemState } from '@incident-kit/core'
import type { CommanderTerm, IncidentReadModel, MilestoneRecord, StatusUpdateRecord } from '../model/read-model.js'
import { incidentSummary, type ChannelLinkOptions, type IncidentSummary } from './incident-summary.js'

export interface ItemDetail {
  readonly itemId: string
  readonly title: string
  readonly state: ItemState
  readonly assigneeId: string | null
  readonly dueAt: string | null
  readonly command: string | null
  readonly lastChangedAt: string
  readonly lastChangedBy: string
  /** When it was last checked (kept when unchecked again); `null` if never. */
  readonly lastCompletedAt: string | null
}

export interface SectionDetail {
  readonly sectionId: string
  readonly title: string
  readonly items: readonly ItemDetail[]
}

/** Everything about one incident: the summary plus checklist, metadata and history. */
export interface IncidentDetail extends IncidentSummary {
  readonly reporterId: string
  readonly endedAt: string | null
  readonly description: string | null
  readonly sections: readonly SectionDetail[]
  readonly metadata: Readonly<Record<string, string>>
  /** Oldest first. */
  readonly statusUpdates: readonly StatusUpdateRecord[]
  /** Oldest first; the last term is the current commander. */
  readonly commanderHistory: readonly CommanderTerm[]
  /** In the order first set; each with its latest `at`. */
  readonly milestones: readonly MilestoneRecord[]
}

/**
 * One incident in full, or `undefined` for an id the model does not know.
 *
 * @example
 * const detail = incidentDetail(model, 'i1')
 * detail?.sections[0]?.items[0] // { title: 'Roll back deploy', state: 'checked', lastChangedBy: 'alice', ... }
 */
export const incidentDetail = (
  model: IncidentReadModel,
  incidentId: string,
  options: ChannelLinkOptions = {},
): IncidentDetail | undefined => {
  const incident = model.incidents[incidentId]
  if (!incident) return undefined
  const sections = incident.sections.map((section) => ({
    sectionId: section.sectionId,
    title: section.title,
    items: section.itemIds.flatMap((id) => {
      const item = incident.items[id]
      if (!item) return []
      const { itemId, title, state, assigneeId, dueAt, command, lastChangedAt, lastChangedBy, lastCompletedAt } = item
      return [{ itemId, title, state, assigneeId, dueAt, command, lastChangedAt, lastChangedBy, lastCompletedAt }]
    }),
  }))
  return {
    ...incidentSummary(incident, options),
    reporterId: incident.reporterId,
    endedAt: incident.endedAt,
    description: incident.metadata.description ?? null,
    sections,
    metadata: incident.metadata,
    statusUpdates: incident.statusUpdates,
    commanderHistory: incident.commanderHistory,
    milestones: incident.milestones,
  }
}
