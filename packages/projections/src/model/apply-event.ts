import type { Draft } from 'immer'
import { DEFAULT_STATUS_UPDATE_INTERVAL_MINUTES, incidentIdOfStream, playbookIdOfStream, type DomainEvent, type EventDecodeError, type PlaybookSectionSpec, type StoredEvent, emptyDictionary } from '@incident-kit/core'
import { applyChecklistEvent, newItemRecord, type ChecklistEvent } from './apply-checklist-event.js'
import { checklistShape, sameChecklist } from './checklist-shape.js'
import { incidentToChange } from './detached-incident.js'
import { MAX_SKIP_MESSAGES, type IncidentReadModel, type IncidentRecord, type ItemRecord, type SectionShape } from './read-model.js'

type IncidentLevelEvent = StoredEvent<Extract<DomainEvent, { type: `incident.${string}` }>>

const CHECKLIST_PREFIX = 'checklist.'
const PLAYBOOK_PREFIX = 'playbook.'

const startIncident = (draft: Draft<IncidentReadModel>, incidentId: string, event: StoredEvent<Extract<DomainEvent, { type: 'incident.started' }>>) => {
  const d = event.data
  const metadata = emptyDictionary<string>()
  if (d.description !== undefined) metadata.description = d.description
  if (d.severity !== undefined) metadata.severity = d.severity
  const items = emptyDictionary<ItemRecord>()
  const sections = d.checklists.map((section) => {
    for (const spec of section.items) items[spec.itemId] = newItemRecord(section.sectionId, spec, event.occurredAt, event.actorId)
    return { sectionId: section.sectionId, title: section.title, itemIds: section.items.map((i) => i.itemId) }
  })
  const record: IncidentRecord = {
    incidentId: d.incidentId,
    teamId: d.teamId,
    name: d.name,
    status: 'active',
    channelId: null,
    channelName: d.channelName,
    commanderId: d.commanderId,
    reporterId: d.reporterId,
    playbookId: d.playbookId ?? null,
    startedAt: event.occurredAt,
    endedAt: null,
    statusUpdateIntervalMinutes: d.statusUpdateIntervalMinutes ?? DEFAULT_STATUS_UPDATE_INTERVAL_MINUTES,
    lastReminderDueAt: null,
    metadata,
    sections,
    items,
    statusUpdates: [],
    commanderHistory: [{ commanderId: d.commanderId, since: event.occurredAt, changedBy: event.actorId }],
    milestones: [],
    timeline: [],
  }
  draft.incidents[incidentId] = record as Draft<IncidentRecord>
}

const applyIncidentLevelEvent = (incident: Draft<IncidentRecord>, event: IncidentLevelEvent): void => {
  switch (event.type) {
    case 'incident.channel_linked':
      incident.channelId = event.data.channelId
      incident.channelName = event.data.channelName
      return
    case 'incident.renamed':
      incident.name = event.data.name
      return
    case 'incident.ended':
      incident.status = 'ended'
      incident.endedAt = event.occurredAt
      return
    case 'incident.reopened':
      incident.status = 'active'
      incident.endedAt = null
      return
    case 'incident.commander_changed':
      incident.commanderId = event.data.to
      incident.commanderHistory.push({ commanderId: event.data.to, since: event.occurredAt, changedBy: event.actorId })
      return
    case 'incident.status_updated':
      incident.statusUpdates.push({
        at: event.occurredAt,
        recordedAt: event.recordedAt,
        authorId: event.actorId,
        message: event.data.message,
        broadcastChannelIds: event.data.broadcastChannelIds ?? [],
      })
      return
    case 'incident.status_reminder_sent':
      incident.lastReminderDueAt = event.data.dueAt
      return
    case 'incident.metadata_set':
      if (event.data.value === null) delete incident.metadata[event.data.key]
      else incident.metadata[event.data.key] = event.data.value
      return
    case 'incident.milestone_set': {
      const milestone = { milestone: event.data.milestone, at: event.data.at, setAt: event.occurredAt, setBy: event.actorId }
      const index = incident.milestones.findIndex((m) => m.milestone === milestone.milestone)
      if (index >= 0) incident.milestones[index] = milestone
      else incident.milestones.push(milestone)
      return
    }
    default:
      return
  }
}

const applyToIncident = (draft: Draft<IncidentReadModel>, event: StoredEvent): void => {
  const incidentId = incidentIdOfStream(event.streamId)
  if (incidentId === undefined) return
  if (event.type === 'incident.started') startIncident(draft, incidentId, event)
  const incident = incidentToChange(draft, incidentId)
  if (!incident) return
  if (event.type.startsWith(CHECKLIST_PREFIX)) applyChecklistEvent(incident, event as StoredEvent<ChecklistEvent>)
  else applyIncidentLevelEvent(incident, event as IncidentLevelEvent)
  incident.timeline.push({
    position: event.position,
    type: event.type,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actorId: event.actorId,
    data: event.data,
  })
}

/** Adds the checklist to `versions` unless it is one of them already (an update may change only titles). */
const rememberChecklistVersion = (versions: Draft<SectionShape[][]>, checklists: readonly PlaybookSectionSpec[]) => {
  const shape = checklistShape(checklists)
  if (!versions.some((version) => sameChecklist(version, shape))) versions.push(shape)
}

const applyPlaybookEvent = (draft: Draft<IncidentReadModel>, event: StoredEvent): void => {
  if (event.type === 'playbook.created') {
    const { playbookId, teamId, title, checklists } = event.data
    const checklistVersions: Draft<SectionShape[][]> = []
    rememberChecklistVersion(checklistVersions, checklists)
    draft.playbooks[playbookId] = { playbookId, teamId, title, archived: false, checklistVersions }
    return
  }
  const playbookId = playbookIdOfStream(event.streamId)
  const playbook = playbookId === undefined ? undefined : draft.playbooks[playbookId]
  if (!playbook) return
  if (event.type === 'playbook.updated') {
    playbook.title = event.data.title
    rememberChecklistVersion(playbook.checklistVersions, event.data.checklists)
  }
  if (event.type === 'playbook.archived') playbook.archived = true
}

/**
 * The projection's recipe: applies one decoded event to the read model draft. Events are facts:
 * one about an incident or item the model does not know changes nothing. The runner, not the
 * model, keeps the checkpoint and counts (a write to the root per event would cost a proxy trap).
 *
 * @example
 * const next = produce(model, (draft) => { for (const event of events) applyReadModelEvent(draft, event) })
 */
export const applyReadModelEvent = (draft: Draft<IncidentReadModel>, event: StoredEvent): void => {
  if (event.type.startsWith(PLAYBOOK_PREFIX)) applyPlaybookEvent(draft, event)
  else applyToIncident(draft, event)
}

/**
 * Counts an event that could not be decoded, by reason, and keeps its message. An unknown type or a
 * newer schema version is what a newer release writes; anything else is a corrupt record.
 *
 * @example
 * produce(model, (draft) => recordSkippedEvent(draft, decodeError))
 */
export const recordSkippedEvent = (draft: Draft<IncidentReadModel>, error: EventDecodeError): void => {
  if (error.reason === 'unknown_type') draft.skipped.unknownType += 1
  else if (error.reason === 'unsupported_schema_version') draft.skipped.newerSchema += 1
  else draft.skipped.invalid += 1
  draft.skipped.lastMessages.push(error.message)
  if (draft.skipped.lastMessages.length > MAX_SKIP_MESSAGES) draft.skipped.lastMessages.shift()
}
