import type { StoredEvent } from '@incident-kit/core'

/**
 * The baseline: a plain fold of the same events into mutable Maps, written by hand for speed, with
 * no immer and no freezing. It keeps what the views need (incident fields, items with their
 * counters, one timeline entry per event), so the comparison is about the machinery, not the work.
 */
interface PlainItem {
  title: string
  state: string
  assigneeId: string | null
  dueAt: string | null
  addedAt: string
  firstCompletedAt: string | null
  lastCompletedAt: string | null
  checks: number
  unchecks: number
  skips: number
}

interface PlainIncident {
  teamId: string
  name: string
  status: string
  commanderId: string
  channelId: string | null
  startedAt: string
  endedAt: string | null
  metadata: Map<string, string>
  items: Map<string, PlainItem>
  statusUpdates: string[]
  commanders: string[]
  entries: Array<[string, string, string]>
}

type Data = Record<string, string | null> & { checklists?: Array<{ items: Array<{ itemId: string; title: string }> }> }

export const handWrittenFold = (events: readonly StoredEvent[]): Map<string, PlainIncident> => {
  const incidents = new Map<string, PlainIncident>()
  for (const event of events) {
    const data = event.data as Data
    let incident = incidents.get(event.streamId)
    if (event.type === 'incident.started') {
      incident = {
        teamId: data.teamId!, name: data.name!, status: 'active', commanderId: data.commanderId!, channelId: null,
        startedAt: event.occurredAt, endedAt: null, metadata: new Map(), items: new Map(), statusUpdates: [], commanders: [data.commanderId!], entries: [],
      }
      for (const section of data.checklists ?? []) {
        for (const spec of section.items) {
          incident.items.set(spec.itemId, { title: spec.title, state: 'open', assigneeId: null, dueAt: null, addedAt: event.occurredAt, firstCompletedAt: null, lastCompletedAt: null, checks: 0, unchecks: 0, skips: 0 })
        }
      }
      incidents.set(event.streamId, incident)
    }
    if (!incident) continue
    incident.entries.push([event.type, event.occurredAt, event.actorId])
    const item = data.itemId ? incident.items.get(data.itemId) : undefined
    switch (event.type) {
      case 'checklist.item_checked':
        if (item) { item.state = 'checked'; item.checks++; item.firstCompletedAt ??= event.occurredAt; item.lastCompletedAt = event.occurredAt }
        break
      case 'checklist.item_unchecked':
        if (item) { item.state = 'open'; item.unchecks++ }
        break
      case 'checklist.item_skipped':
        if (item) { item.state = 'skipped'; item.skips++ }
        break
      case 'checklist.item_assigned':
        if (item) item.assigneeId = data.assigneeId ?? null
        break
      case 'checklist.item_due_set':
        if (item) item.dueAt = data.dueAt ?? null
        break
      case 'checklist.item_renamed':
        if (item) item.title = data.title!
        break
      case 'checklist.item_added':
        incident.items.set(data.itemId!, { title: data.title!, state: 'open', assigneeId: null, dueAt: null, addedAt: event.occurredAt, firstCompletedAt: null, lastCompletedAt: null, checks: 0, unchecks: 0, skips: 0 })
        break
      case 'incident.channel_linked':
        incident.channelId = data.channelId!
        break
      case 'incident.commander_changed':
        incident.commanderId = data.to!
        incident.commanders.push(data.to!)
        break
      case 'incident.status_updated':
        incident.statusUpdates.push(data.message!)
        break
      case 'incident.metadata_set':
        if (data.value === null) incident.metadata.delete(data.key!)
        else incident.metadata.set(data.key!, data.value!)
        break
      case 'incident.ended':
        incident.status = 'ended'
        incident.endedAt = event.occurredAt
        break
    }
  }
  return incidents
}
