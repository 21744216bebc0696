import type { StoredEvent } from '@incident-kit/core'

/** What a report needs to know about one checklist item of one incident. */
export interface ItemFacts {
  readonly itemId: string
  readonly sectionId: string
  /** The item's latest title. */
  readonly title: string
  readonly addedAt: string
  /** When it was last checked, while it is checked; `null` when open or skipped. */
  readonly completedAt: string | null
  readonly state: 'open' | 'checked' | 'skipped'
  readonly timesChecked: number
  readonly timesUnchecked: number
  readonly timesSkipped: number
  /** Removed from the checklist (itself or with its section): reports leave it out. */
  readonly removed: boolean
}

/** A span of time during which the incident was active (between a start or reopen and an end). */
export interface ActiveSpan {
  readonly from: string
  /** `null` while still active. */
  readonly to: string | null
}

/** What a report needs to know about one incident, folded from its stream. */
export interface IncidentFacts {
  readonly incidentId: string
  readonly teamId: string
  readonly name: string
  readonly playbookId: string | null
  readonly severity: string | null
  readonly commanderId: string
  readonly startedAt: string
  /** The final end; `null` while active (also after a reopen). */
  readonly endedAt: string | null
  readonly activeSpans: readonly ActiveSpan[]
  readonly firstStatusUpdateAt: string | null
  readonly statusUpdates: number
  readonly commanderChanges: number
  /** The last `at` set for each milestone name. */
  readonly milestones: Readonly<Record<string, string>>
  /** In the order they were added. */
  readonly items: readonly ItemFacts[]
}

/** Everything a report reads from a log: incidents and the playbooks' titles. */
export interface ReportFacts {
  /** Ordered by start time, then incident id. */
  readonly incidents: readonly IncidentFacts[]
  readonly playbookTitles: Readonly<Record<string, string>>
}

/** Options of {@link collectReportFacts}. */
export interface CollectReportFactsOptions {
  /** Leave out events that occurred at or after this time: the log as it stood then. */
  readonly until?: string
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] }
type MutableIncident = Omit<Mutable<IncidentFacts>, 'items' | 'activeSpans' | 'milestones'> & {
  items: Map<string, Mutable<ItemFacts>>
  activeSpans: Mutable<ActiveSpan>[]
  milestones: Record<string, string>
}

const startIncident = (event: StoredEvent<Extract<StoredEvent, { type: 'incident.started' }>>): MutableIncident => {
  const { data, occurredAt } = event
  const items = new Map<string, Mutable<ItemFacts>>()
  for (const section of data.checklists) {
    for (const item of section.items) items.set(item.itemId, newItem(item.itemId, section.sectionId, item.title, occurredAt))
  }
  return {
    incidentId: data.incidentId,
    teamId: data.teamId,
    name: data.name,
    playbookId: data.playbookId ?? null,
    severity: data.severity ?? null,
    commanderId: data.commanderId,
    startedAt: occurredAt,
    endedAt: null,
    activeSpans: [{ from: occurredAt, to: null }],
    firstStatusUpdateAt: null,
    statusUpdates: 0,
    commanderChanges: 0,
    milestones: {},
    items,
  }
}

const newItem = (itemId: string, sectionId: string, title: string, addedAt: string): Mutable<ItemFacts> => ({
  itemId,
  sectionId,
  title,
  addedAt,
  completedAt: null,
  state: 'open',
  timesChecked: 0,
  timesUnchecked: 0,
  timesSkipped: 0,
  removed: false,
})

const applyChecklistEvent = (incident: MutableIncident, event: StoredEvent): void => {
  const at = event.occurredAt
  if (event.type === 'checklist.item_added') {
    const { itemId, sectionId, title } = event.data
    incident.items.set(itemId, newItem(itemId, sectionId, title, at))
    return
  }
  if (event.type === 'checklist.section_removed') {
    for (const item of incident.items.values()) if (item.sectionId === event.data.sectionId) item.removed = true
    return
  }
  if (!event.type.startsWith('checklist.item_')) return
  const item = incident.items.get((event.data as { itemId: string }).itemId)
  if (item === undefined) return
  switch (event.type) {
    case 'checklist.item_removed':
      item.removed = true
      break
    case 'checklist.item_renamed':
      item.title = event.data.title
      break
    case 'checklist.item_moved':
      item.sectionId = event.data.toSectionId
      break
    case 'checklist.item_checked':
      Object.assign(item, { state: 'checked', completedAt: at, timesChecked: item.timesChecked + 1 })
      break
    case 'checklist.item_unchecked':
      Object.assign(item, { state: 'open', completedAt: null, timesUnchecked: item.timesUnchecked + 1 })
      break
    case 'checklist.item_skipped':
      Object.assign(item, { state: 'skipped', completedAt: null, timesSkipped: item.timesSkipped + 1 })
      break
    case 'checklist.item_restored':
      Object.assign(item, { state: 'open', completedAt: null })
      break
  }
}

const applyIncidentEvent = (incident: MutableIncident, event: StoredEvent): void => {
  const at = event.occurredAt
  switch (event.type) {
    case 'incident.renamed':
      incident.name = event.data.name
      break
    case 'incident.ended':
      incident.endedAt = at
      for (const span of incident.activeSpans) if (span.to === null) span.to = at
      break
    case 'incident.reopened':
      incident.endedAt = null
      incident.activeSpans.push({ from: at, to: null })
      break
    case 'incident.commander_changed':
      incident.commanderId = event.data.to
      incident.commanderChanges += 1
      break
    case 'incident.status_updated':
      incident.statusUpdates += 1
      incident.firstStatusUpdateAt ??= at
      break
    case 'incident.metadata_set':
      if (event.data.key === 'severity') incident.severity = event.data.value
      break
    case 'incident.milestone_set':
      incident.milestones[event.data.milestone] = event.data.at
      break
    default:
      applyChecklistEvent(incident, event)
  }
}

const freeze = (incident: MutableIncident): IncidentFacts => ({ ...incident, items: [...incident.items.values()] })

const byStartThenId = (a: IncidentFacts, b: IncidentFacts) =>
  Date.parse(a.startedAt) - Date.parse(b.startedAt) || (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0)

/**
 * Folds a log (any mix of incident and playbook streams, in log order) into the facts that reports
 * read. Event types this code does not know are skipped.
 *
 * @example
 * const facts = collectReportFacts(await readWholeLog(store), { until: '2026-04-01T00:00:00.000Z' })
 * facts.incidents.filter((incident) => incident.endedAt === null) // still active then
 */
export const collectReportFacts = (events: Iterable<StoredEvent>, options: CollectReportFactsOptions = {}): ReportFacts => {
  const until = options.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(options.until)
  const incidents = new Map<string, MutableIncident>()
  const playbookTitles: Record<string, string> = {}
  const playbookIdByStream = new Map<string, string>()
  for (const event of events) {
    if (!(Date.parse(event.occurredAt) < until)) continue
    if (event.type === 'incident.started') {
      incidents.set(event.streamId, startIncident(event))
    } else if (event.type === 'playbook.created') {
      playbookIdByStream.set(event.streamId, event.data.playbookId)
      playbookTitles[event.data.playbookId] = event.data.title
    } else if (event.type === 'playbook.updated') {
      const playbookId = playbookIdByStream.get(event.streamId)
      if (playbookId !== undefined) playbookTitles[playbookId] = event.data.title
    } else {
      const incident = incidents.get(event.streamId)
      if (incident !== undefined) applyIncidentEvent(incident, event)
    }
  }
  return { incidents: [...incidents.values()].map(freeze).sort(byStartThenId), playbookTitles }
}
