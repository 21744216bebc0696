import type { IncidentRecord, ItemRecord } from '../model/read-model.js'

/**
 * How far a checklist is. A skipped item counts as done: it was decided on and needs no more work,
 * so a checklist with every item checked or skipped shows `done === total`. `checked` and
 * `skipped` are there for callers who want to show them apart.
 */
export interface ChecklistProgress {
  readonly done: number
  readonly total: number
  readonly checked: number
  readonly skipped: number
  readonly open: number
}

/** The items of an incident's current checklist, in display order (removed ones left out). */
export const currentItems = (incident: IncidentRecord): ItemRecord[] =>
  incident.sections.flatMap((section) =>
    section.itemIds.map((id) => incident.items[id]).filter((item): item is ItemRecord => item !== undefined),
  )

/**
 * Counts an incident's current items by state.
 *
 * @example
 * checklistProgress(incident) // { done: 3, total: 5, checked: 2, skipped: 1, open: 2 }
 */
export const checklistProgress = (incident: IncidentRecord): ChecklistProgress => {
  let checked = 0
  let skipped = 0
  let total = 0
  for (const section of incident.sections) {
    for (const id of section.itemIds) {
      const item = incident.items[id]
      if (!item) continue
      total += 1
      if (item.state === 'checked') checked += 1
      else if (item.state === 'skipped') skipped += 1
    }
  }
  return { done: checked + skipped, total, checked, skipped, open: total - checked - skipped }
}
