import { freeze, produce, type Draft } from 'immer'
import type { IncidentEvent } from '../events/catalogue.js'
import type { EventMetadata } from '../events/envelope.js'
import { lookup, toDictionary } from './dictionary.js'
import type { ChecklistItem, ChecklistSection, IncidentState } from './incident-state.js'

type Evolvable = IncidentEvent & Pick<EventMetadata, 'occurredAt'>

const insertAt = <T>(list: T[], position: number, value: T) => list.splice(Math.min(position, list.length), 0, value)

const detachItem = (draft: Draft<IncidentState>, itemId: string) => {
  for (const section of draft.sections) {
    const index = section.itemIds.indexOf(itemId)
    if (index >= 0) section.itemIds.splice(index, 1)
  }
}

const addSection = (draft: Draft<IncidentState>, section: ChecklistSection, position: number) => {
  insertAt(draft.sections, position, { ...section, itemIds: [...section.itemIds] })
  draft.usedIds[section.sectionId] = true
}

const addItem = (draft: Draft<IncidentState>, item: ChecklistItem, position: number) => {
  draft.items[item.itemId] = item
  draft.usedIds[item.itemId] = true
  const section = draft.sections.find((s) => s.sectionId === item.sectionId)
  if (section) insertAt(section.itemIds, position, item.itemId)
}

const newItem = (
  sectionId: string,
  spec: { itemId: string; title: string; assigneeId?: string; dueAt?: string; command?: string },
): ChecklistItem => ({
  itemId: spec.itemId,
  sectionId,
  title: spec.title,
  state: 'open',
  assigneeId: spec.assigneeId ?? null,
  dueAt: spec.dueAt ?? null,
  command: spec.command ?? null,
  lastCompletedAt: null,
})

/**
 * The one place where an event changes an incident: an immer recipe on a draft. Events are facts,
 * so it never rejects one; `decide` made sure they were valid when they were written.
 */
export const applyIncidentEvent = (draft: Draft<IncidentState>, event: Evolvable): void => {
  draft.version += 1
  const item = 'itemId' in event.data ? lookup(draft.items, event.data.itemId) : undefined
  switch (event.type) {
    case 'incident.started': {
      const d = event.data
      Object.assign(draft, {
        status: 'active',
        incidentId: d.incidentId,
        teamId: d.teamId,
        name: d.name,
        channelName: d.channelName,
        commanderId: d.commanderId,
        reporterId: d.reporterId,
        playbookId: d.playbookId ?? null,
        startedAt: event.occurredAt,
        statusUpdateIntervalMinutes: d.statusUpdateIntervalMinutes ?? draft.statusUpdateIntervalMinutes,
        broadcastChannelIds: d.broadcastChannelIds ?? [],
        verbosity: d.verbosity ?? draft.verbosity,
      })
      if (d.description !== undefined) draft.metadata.description = d.description
      if (d.severity !== undefined) draft.metadata.severity = d.severity
      d.checklists.forEach((section, index) => {
        addSection(draft, { sectionId: section.sectionId, title: section.title, itemIds: [] }, index)
        section.items.forEach((spec, position) => addItem(draft, newItem(section.sectionId, spec), position))
      })
      return
    }
    case 'incident.channel_linked':
      draft.channelId = event.data.channelId
      draft.channelName = event.data.channelName
      return
    case 'incident.renamed':
      draft.name = event.data.name
      return
    case 'incident.ended':
      draft.status = 'ended'
      draft.endedAt = event.occurredAt
      return
    case 'incident.reopened':
      draft.status = 'active'
      draft.endedAt = null
      return
    case 'incident.commander_changed':
      draft.commanderId = event.data.to
      return
    case 'incident.status_updated':
      draft.lastStatusUpdateAt = event.occurredAt
      return
    case 'incident.status_reminder_sent':
      draft.lastReminderDueAt = event.data.dueAt
      return
    case 'incident.metadata_set':
      if (event.data.value === null) delete draft.metadata[event.data.key]
      else draft.metadata[event.data.key] = event.data.value
      return
    case 'incident.note_added':
      return
    case 'incident.milestone_set':
      draft.milestones[event.data.milestone] = event.data.at
      return
    case 'checklist.section_added':
      addSection(draft, { sectionId: event.data.sectionId, title: event.data.title, itemIds: [] }, event.data.position)
      return
    case 'checklist.section_renamed': {
      const section = draft.sections.find((s) => s.sectionId === event.data.sectionId)
      if (section) section.title = event.data.title
      return
    }
    case 'checklist.section_removed': {
      const index = draft.sections.findIndex((s) => s.sectionId === event.data.sectionId)
      if (index < 0) return
      for (const itemId of draft.sections[index]!.itemIds) delete draft.items[itemId]
      draft.sections.splice(index, 1)
      return
    }
    case 'checklist.item_added': {
      const { sectionId, position, ...spec } = event.data
      addItem(draft, newItem(sectionId, spec), position)
      return
    }
    case 'checklist.item_removed':
      detachItem(draft, event.data.itemId)
      delete draft.items[event.data.itemId]
      return
    case 'checklist.item_moved': {
      if (!item) return
      detachItem(draft, item.itemId)
      item.sectionId = event.data.toSectionId
      const section = draft.sections.find((s) => s.sectionId === event.data.toSectionId)
      if (section) insertAt(section.itemIds, event.data.position, item.itemId)
      return
    }
    case 'checklist.item_renamed':
      if (item) item.title = event.data.title
      return
    case 'checklist.item_checked':
      if (item) {
        item.state = 'checked'
        item.lastCompletedAt = event.occurredAt
      }
      return
    case 'checklist.item_unchecked':
    case 'checklist.item_restored':
      if (item) item.state = 'open'
      return
    case 'checklist.item_skipped':
      if (item) item.state = 'skipped'
      return
    case 'checklist.item_assigned':
      if (item) item.assigneeId = event.data.assigneeId
      return
    case 'checklist.item_due_set':
      if (item) item.dueAt = event.data.dueAt
      return
    case 'checklist.item_command_run':
      return
  }
}

/** One event: `state -> state`. */
export const evolveIncident = (state: IncidentState, event: Evolvable): IncidentState =>
  produce(state, (draft) => applyIncidentEvent(draft, event))

/**
 * Many events at once: the fast path for replaying a history. The same recipe runs on a private
 * deep copy of the state, with no proxies at all, and the result is frozen once at the end.
 * Calling `produce` once per event instead costs one proxy tree and one finalisation per event,
 * which grows with the size of the checklist (see `npm run bench:core`).
 */
export const foldIncident = (state: IncidentState, events: Iterable<Evolvable>): IncidentState => {
  const copy = structuredClone(state)
  // structuredClone gives the maps a prototype again; an id like `__proto__` needs them without.
  const draft = {
    ...copy,
    items: toDictionary(copy.items),
    usedIds: toDictionary(copy.usedIds),
    metadata: toDictionary(copy.metadata),
    milestones: toDictionary(copy.milestones),
  } as Draft<IncidentState>
  for (const event of events) applyIncidentEvent(draft, event)
  return freeze(draft as IncidentState, true)
}
