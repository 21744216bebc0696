import type { Draft } from 'immer'
import type { DomainEvent, EventMetadata } from '@incident-kit/core'
import type { IncidentRecord, ItemRecord } from './read-model.js'

export type ChecklistEvent = Extract<DomainEvent, { type: `checklist.${string}` }> &
  Pick<EventMetadata, 'occurredAt' | 'actorId'>

/**
 * What the timeline entry of an event keeps about titles at that moment: `subjectTitle` is the
 * item's or section's title before the event (so a rename keeps the old one), `otherTitle` the
 * section an item was added to or moved to.
 */
export interface TitlesAtTheTime {
  readonly subjectTitle: string | null
  readonly otherTitle: string | null
}

const NO_TITLES: TitlesAtTheTime = { subjectTitle: null, otherTitle: null }

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
  removedAt: null,
})

const sectionTitle = (incident: Draft<IncidentRecord>, sectionId: string) =>
  incident.sections.find((s) => s.sectionId === sectionId)?.title ?? null

const applySectionEvent = (incident: Draft<IncidentRecord>, event: ChecklistEvent): TitlesAtTheTime => {
  switch (event.type) {
    case 'checklist.section_added':
      insertAt(incident.sections, event.data.position, { sectionId: event.data.sectionId, title: event.data.title, itemIds: [] })
      return { subjectTitle: event.data.title, otherTitle: null }
    case 'checklist.section_renamed': {
      const section = incident.sections.find((s) => s.sectionId === event.data.sectionId)
      if (!section) return NO_TITLES
      const before = section.title
      section.title = event.data.title
      return { subjectTitle: before, otherTitle: null }
    }
    case 'checklist.section_removed': {
      const index = incident.sections.findIndex((s) => s.sectionId === event.data.sectionId)
      if (index < 0) return NO_TITLES
      const section = incident.sections[index]!
      for (const itemId of section.itemIds) {
        const item = incident.items[itemId]
        if (item) item.removedAt = event.occurredAt
      }
      incident.sections.splice(index, 1)
      return { subjectTitle: section.title, otherTitle: null }
    }
    default:
      return NO_TITLES
  }
}

const touch = (item: Draft<ItemRecord>, event: ChecklistEvent) => {
  item.lastChangedAt = event.occurredAt
  item.lastChangedBy = event.actorId
}

const applyItemChange = (incident: Draft<IncidentRecord>, item: Draft<ItemRecord>, event: ChecklistEvent): TitlesAtTheTime => {
  const titles: TitlesAtTheTime = { subjectTitle: item.title, otherTitle: null }
  touch(item, event)
  switch (event.type) {
    case 'checklist.item_removed':
      item.removedAt = event.occurredAt
      detachItem(incident, item.itemId)
      return titles
    case 'checklist.item_renamed':
      item.title = event.data.title
      return titles
    case 'checklist.item_moved': {
      detachItem(incident, item.itemId)
      item.sectionId = event.data.toSectionId
      const section = incident.sections.find((s) => s.sectionId === event.data.toSectionId)
      if (section) insertAt(section.itemIds, event.data.position, item.itemId)
      return { subjectTitle: item.title, otherTitle: section?.title ?? null }
    }
    case 'checklist.item_checked':
      item.state = 'checked'
      item.timesChecked += 1
      item.firstCompletedAt ??= event.occurredAt
      item.lastCompletedAt = event.occurredAt
      return titles
    case 'checklist.item_unchecked':
      item.state = 'open'
      item.timesUnchecked += 1
      return titles
    case 'checklist.item_skipped':
      item.state = 'skipped'
      item.timesSkipped += 1
      return titles
    case 'checklist.item_restored':
      item.state = 'open'
      return titles
    case 'checklist.item_assigned':
      item.assigneeId = event.data.assigneeId
      return titles
    case 'checklist.item_due_set':
      item.dueAt = event.data.dueAt
      return titles
    default:
      return titles
  }
}

/**
 * Applies one `checklist.*` event to an incident record and returns the titles the timeline
 * should keep. An event about an unknown item changes nothing (the core never writes one).
 */
export const applyChecklistEvent = (incident: Draft<IncidentRecord>, event: ChecklistEvent): TitlesAtTheTime => {
  if (event.type === 'checklist.item_added') {
    const { sectionId, position, ...spec } = event.data
    incident.items[spec.itemId] = newItemRecord(sectionId, spec, event.occurredAt, event.actorId)
    const section = incident.sections.find((s) => s.sectionId === sectionId)
    if (section) insertAt(section.itemIds, position, spec.itemId)
    return { subjectTitle: spec.title, otherTitle: sectionTitle(incident, sectionId) }
  }
  if (!('itemId' in event.data)) return applySectionEvent(incident, event)
  const item = incident.items[event.data.itemId]
  return item ? applyItemChange(incident, item, event) : NO_TITLES
}
