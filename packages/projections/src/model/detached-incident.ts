import { emptyDictionary, toDictionary } from '@incident-kit/core'
import { isDraft, original, type Draft } from 'immer'
import type { IncidentReadModel, IncidentRecord, ItemRecord } from './read-model.js'

/** Each item copied into a fresh dictionary (see `emptyDictionary`). */
const copiedItems = (items: IncidentRecord['items']) => {
  const copy = emptyDictionary<ItemRecord>()
  for (const [itemId, item] of Object.entries(items)) copy[itemId] = { ...item }
  return copy
}

/**
 * A private, mutable copy of an incident record: every object the fold mutates in place (the
 * record, its metadata, sections and items) is copied; lists whose entries are never changed
 * (timeline, status updates, commander terms, milestones) are copied as lists of shared entries.
 */
const detachedIncident = (record: IncidentRecord): IncidentRecord => ({
  ...record,
  metadata: toDictionary(record.metadata),
  sections: record.sections.map((section) => ({ ...section, itemIds: [...section.itemIds] })),
  items: copiedItems(record.items),
  statusUpdates: [...record.statusUpdates],
  commanderHistory: [...record.commanderHistory],
  milestones: [...record.milestones],
  timeline: [...record.timeline],
})

/**
 * The incident to change, ready for plain mutation. An incident from an earlier batch comes as an
 * immer draft, where every read and write of the events that follow would go through a proxy
 * trap; it is swapped once per batch for a private copy (copy-on-write by incident, by hand), so
 * the rest of the batch mutates plain objects and immer only finalises one new value.
 *
 * @example
 * const incident = incidentToChange(draft, 'api') // undefined for an unknown incident
 */
export const incidentToChange = (draft: Draft<IncidentReadModel>, incidentId: string): Draft<IncidentRecord> | undefined => {
  const incident = draft.incidents[incidentId]
  if (incident === undefined || !isDraft(incident)) return incident
  const copy = detachedIncident(original(incident) as IncidentRecord) as Draft<IncidentRecord>
  draft.incidents[incidentId] = copy
  return copy
}
