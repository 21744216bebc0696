import type { Draft } from 'immer'
import type { DomainEvent, EventMetadata } from '@incident-kit/core'
import type { IncidentRecord, ItemRecord } from './read-model.js'

export type ChecklistEvent = Extract<DomainEvent, { type: `checklist.${string}` }> &
  Pick<EventMetadata, 'occurredAt' | 'actorId'>

const insertAt = <T>(list: T[], position: number, value: T) => list.splice(Math.min(position, list.length), 0, value)

const detachItem = (incident: Draft<IncidentRecord>, itemId: string) => {
  for (const section of incident.sections) {
    const index = section.itemIds.indexOf(itemId)
    if (index >= 0) section.itemIds.splice(index, 1)
  }
}

/** A new item record as `incident.started` or `checklist.item_added` brings it. */
export const newItemRecord = (
  sectionId: string,
  spec: { itemId: string; title: string; assigneeId?: string; dueAt?: string; command?: string },
  at: string,
  actorId: string,
): ItemRecord => ({
  itemId: spec.itemId,
  sectionId,
  title: spec.title,
  state: 'open',
  assigneeId: spec.assigneeId ?? null,
  dueAt: spec.dueAt ?? null,
  command: spec.command ?? null,
  addedAt: at,
  addedBy: actorId,
  lastChangedAt: at,
  lastChangedBy: actorId,
  firstCompletedAt: null,
  lastCompletedAt: null,
  timesChecked: 0,
  timesUnchecked: 0,
  timesSkipped: 0,
  skippedAt: null,
  removedAt: null,
})

const applySectionEvent = (incident: Draft<IncidentRecord>, event: ChecklistEvent): void => {
  switch (event.type) {
    case 'checklist.section_added':
      insertAt(incident.sections, event.data.position, { sectionId: event.data.sectionId, title: event.data.title, itemIds: [] })
      return
    case 'checklist.section_renamed': {
      const section = incident.sections.find((s) => s.sectionId === event.data.sectionId)
      if (section) section.title = event.data.title
      return
    }
    case 'checklist.section_removed': {
      const index = incident.sections.findIndex((s) => s.sectionId === event.data.sectionId)
      if (index < 0) return
      for (const itemId of incident.sections[index]!.itemIds) {
        const item = incident.items[itemId]
        if (item) item.removedAt = event.occurredAt
      }
      incident.sections.splice(index, 1)
      return
    }
    default:
      return
  }
}

const touch = (item: Draft<ItemRecord>, event: ChecklistEvent) => {
  item.lastChangedAt = event.occurredAt
  item.lastChangedBy = event.actorId
}

const applyItemChange = (incident: Draft<IncidentRecord>, item: Draft<ItemRecord>, event: ChecklistEvent): void => {
  // Running the item's slash command changes nothing about the item (the timeline keeps the run).
  if (event.type !== 'checklist.item_command_run') touch(item, event)
  switch (event.type) {
    case 'checklist.item_removed':
      item.removedAt = event.occurredAt
      detachItem(incident, item.itemId)
      return
    case 'checklist.item_renamed':
      item.title = event.data.title
      return
    case 'checklist.item_moved': {
      detachItem(incident, item.itemId)
      item.sectionId = event.data.toSectionId
      const section = incident.sections.find((s) => s.sectionId === event.data.toSectionId)
      if (section) insertAt(section.itemIds, event.data.position, item.itemId)
      return
    }
    case 'checklist.item_checked':
      item.state = 'checked'
      item.skippedAt = null
      item.timesChecked += 1
      item.firstCompletedAt ??= event.occurredAt
      item.lastCompletedAt = event.occurredAt
      return
    case 'checklist.item_unchecked':
      item.state = 'open'
      item.skippedAt = null
      item.timesUnchecked += 1
      return
    case 'checklist.item_skipped':
      item.state = 'skipped'
      item.timesSkipped += 1
      item.skippedAt = event.occurredAt
      return
    case 'checklist.item_restored':
      item.state = 'open'
      item.skippedAt = null
      return
    case 'checklist.item_assigned':
      item.assigneeId = event.data.assigneeId
      return
    case 'checklist.item_due_set':
      item.dueAt = event.data.dueAt
      return
    default:
      return
  }
}

/**
 * Applies one `checklist.*` event to an incident record. An event about an unknown item changes
 * nothing (the core never writes one).
 */
export const applyChecklistEvent = (incident: Draft<IncidentRecord>, event: ChecklistEvent): void => {
  if (event.type === 'checklist.item_added') {
    const { sectionId, position, ...spec } = event.data
    incident.items[spec.itemId] = newItemRecord(sectionId, spec, event.occurredAt, event.actorId)
    const section = incident.sections.find((s) => s.sectionId === sectionId)
    if (section) insertAt(section.itemIds, position, spec.itemId)
    return
  }
  if (!('itemId' in event.data)) return applySectionEvent(incident, event)
  const item = incident.items[event.data.itemId]
  if (item) applyItemChange(incident, item, event)
}
