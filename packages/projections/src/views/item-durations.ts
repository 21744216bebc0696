import type { ItemState } from '@incident-kit/core'
import type { IncidentReadModel, IncidentRecord, ItemRecord } from '../model/read-model.js'
import { currentItems } from './checklist-progress.js'
import { msBetween } from './ordering.js'

/** How long one checklist item took. Fields are `null` where something never happened. */
export interface ItemDuration {
  readonly itemId: string
  readonly title: string
  readonly sectionId: string
  readonly state: ItemState
  readonly assigneeId: string | null
  readonly addedAt: string
  readonly firstCompletedAt: string | null
  readonly lastCompletedAt: string | null
  /** The item's last change of any kind (renamed, moved, assigned, due date set, checked, ...); running its command is none. */
  readonly lastChangedAt: string
  readonly timesChecked: number
  readonly timesUnchecked: number
  /** True when the item is skipped now. */
  readonly skipped: boolean
  /** When it was last skipped, while it is skipped; `null` otherwise (later changes do not move it). */
  readonly skippedAt: string | null
  readonly timesSkipped: number
  /**
   * From the incident's start to the last completion, while the item is checked; `null` otherwise
   * (an item unchecked or skipped after a completion is not done: `lastCompletedAt` still says when
   * it was checked).
   */
  readonly msFromStart: number | null
  /** From the item's addition to the last completion, while the item is checked; `null` otherwise. */
  readonly msFromAdded: number | null
}

const durationOf = (incident: IncidentRecord, item: ItemRecord): ItemDuration => {
  // Only a checked item is done, as the report's facts and the Gantt chart count it.
  const completedAt = item.state === 'checked' ? item.lastCompletedAt : null
  return {
    itemId: item.itemId,
    title: item.title,
    sectionId: item.sectionId,
    state: item.state,
    assigneeId: item.assigneeId,
    addedAt: item.addedAt,
    firstCompletedAt: item.firstCompletedAt,
    lastCompletedAt: item.lastCompletedAt,
    lastChangedAt: item.lastChangedAt,
    timesChecked: item.timesChecked,
    timesUnchecked: item.timesUnchecked,
    skipped: item.state === 'skipped',
    skippedAt: item.skippedAt,
    timesSkipped: item.timesSkipped,
    msFromStart: msBetween(incident.startedAt, completedAt),
    msFromAdded: msBetween(item.addedAt, completedAt),
  }
}

/**
 * Per item of the incident's current checklist (removed items left out), slowest first: by
 * `msFromAdded` descending; items not checked now (never completed, unchecked or skipped) come
 * after all checked ones, in checklist order. `undefined` for an unknown incident.
 *
 * @example
 * itemDurations(model, 'i1')?.[0] // { title: 'Roll back deploy', msFromStart: 1800000, msFromAdded: 1500000, ... }
 */
export const itemDurations = (model: IncidentReadModel, incidentId: string): ItemDuration[] | undefined => {
  const incident = model.incidents[incidentId]
  if (!incident) return undefined
  const rows = currentItems(incident).map((item, order) => ({ order, row: durationOf(incident, item) }))
  const slowness = (ms: number | null) => (ms === null ? -Infinity : ms)
  return rows.sort((a, b) => slowness(b.row.msFromAdded) - slowness(a.row.msFromAdded) || a.order - b.order).map((r) => r.row)
}
