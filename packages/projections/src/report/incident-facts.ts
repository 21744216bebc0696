import { decodeEvent, toDictionary, type EventData, type RecordedEvent } from '@incident-kit/core'
import * as E from 'fp-ts/lib/Either.js'
import { beginsWith, checklistShape } from '../model/checklist-shape.js'
import type { IncidentReadModel, IncidentRecord, PlaybookRecord, SectionShape } from '../model/read-model.js'
import { streamPrefixes } from '../model/stream-prefixes.js'
import { incidentReadModelProjection } from '../runner/incident-read-model-projection.js'
import { applyDecoded } from '../runner/projection.js'
import { currentItems } from '../views/checklist-progress.js'
import { compareIds, compareTimes } from '../views/ordering.js'

/** What a report needs to know about one checklist item of one incident (removed items left out). */
export interface ItemFacts {
  readonly itemId: string
  /** The item's latest title. */
  readonly title: string
  /** When it was last checked, while it is checked; `null` when open or skipped. */
  readonly completedAt: string | null
  readonly state: 'open' | 'checked' | 'skipped'
  readonly timesUnchecked: number
  /**
   * Copied from the incident's playbook when it started: in the playbook checklist version that
   * `incident.started`'s checklist begins with. Not added during the incident, nor from the
   * incident's own start checklist (which follows the playbook's), even when the playbook gains one
   * of its ids later. Needs the playbook's stream, in any order with the incident's.
   */
  readonly fromPlaybook: boolean
}

/** A span of time during which the incident was active (between a start or reopen and an end). */
export interface ActiveSpan {
  readonly from: string
  /** `null` while still active. */
  readonly to: string | null
}

/** What a report needs to know about one incident. */
export interface IncidentFacts {
  readonly incidentId: string
  readonly teamId: string
  readonly name: string
  readonly playbookId: string | null
  readonly severity: string | null
  readonly startedAt: string
  /** The final end; `null` while active (also after a reopen). */
  readonly endedAt: string | null
  readonly activeSpans: readonly ActiveSpan[]
  readonly firstStatusUpdateAt: string | null
  readonly commanderChanges: number
  /** The latest `at` of each milestone name. */
  readonly milestones: Readonly<Record<string, string>>
  readonly items: readonly ItemFacts[]
}

/** What a report needs to know about a playbook: its title, and its team, so as not to name another team's. */
export type PlaybookFacts = Pick<PlaybookRecord, 'teamId' | 'title'>

/** Everything a report reads from a log: incidents and playbooks. */
export interface ReportFacts {
  /** Ordered by start time, then incident id. */
  readonly incidents: readonly IncidentFacts[]
  /** By playbook id, every team's. */
  readonly playbooks: Readonly<Record<string, PlaybookFacts>>
}

const activeSpans = (incident: IncidentRecord): ActiveSpan[] => {
  const spans: { from: string; to: string | null }[] = [{ from: incident.startedAt, to: null }]
  for (const record of incident.timeline) {
    const open = spans[spans.length - 1] as { from: string; to: string | null }
    if (record.type === 'incident.ended' && open.to === null) open.to = record.occurredAt
    if (record.type === 'incident.reopened' && open.to !== null) spans.push({ from: record.occurredAt, to: null })
  }
  return spans
}

/** The checklist the incident started with (its playbook's sections first, then its own). */
const startingChecklist = (incident: IncidentRecord): SectionShape[] => {
  const started = incident.timeline.find((record) => record.type === 'incident.started')?.data as EventData<'incident.started'> | undefined
  return checklistShape(started?.checklists ?? [])
}

/**
 * The ids of the items the incident copied from its playbook: those of the playbook's checklist
 * version its starting checklist begins with. Should two versions fit (the incident's own first
 * section the same ids as a section the playbook had), the longer is taken: nothing tells them apart.
 */
const playbookItemIds = (incident: IncidentRecord, playbook: PlaybookRecord | undefined): ReadonlySet<string> => {
  if (playbook === undefined) return new Set()
  const starting = startingChecklist(incident)
  const copied = playbook.checklistVersions
    .filter((version) => beginsWith(starting, version))
    .reduce<readonly SectionShape[]>((longest, version) => (version.length > longest.length ? version : longest), [])
  return new Set(copied.flatMap((section) => section.itemIds))
}

const itemFacts = (incident: IncidentRecord, playbook: PlaybookRecord | undefined): ItemFacts[] => {
  const fromPlaybook = playbookItemIds(incident, playbook)
  return currentItems(incident).map((item) => ({
    itemId: item.itemId,
    title: item.title,
    completedAt: item.state === 'checked' ? item.lastCompletedAt : null,
    state: item.state,
    timesUnchecked: item.timesUnchecked,
    fromPlaybook: fromPlaybook.has(item.itemId),
  }))
}

/**
 * The facts of one incident of the read model, given the playbook it was started from (`undefined`
 * when it had none or the model does not know it: then no item is `fromPlaybook`).
 *
 * @example
 * incidentFacts(model.incidents['i1']!, model.playbooks['pb-security']).commanderChanges
 */
export const incidentFacts = (incident: IncidentRecord, playbook: PlaybookRecord | undefined): IncidentFacts => ({
  incidentId: incident.incidentId,
  teamId: incident.teamId,
  name: incident.name,
  playbookId: incident.playbookId,
  severity: incident.metadata.severity ?? null,
  startedAt: incident.startedAt,
  endedAt: incident.endedAt,
  activeSpans: activeSpans(incident),
  firstStatusUpdateAt: incident.statusUpdates[0]?.at ?? null,
  commanderChanges: incident.commanderHistory.length - 1,
  milestones: toDictionary(Object.fromEntries(incident.milestones.map((milestone) => [milestone.milestone, milestone.at]))),
  items: itemFacts(incident, playbook),
})

const byStartThenId = (a: IncidentFacts, b: IncidentFacts) => compareTimes(a.startedAt, b.startedAt) || compareIds(a.incidentId, b.incidentId)

/**
 * The report facts of every incident of a read model.
 *
 * @example
 * reportFactsOf(runner.state()).incidents.length
 */
export const reportFactsOf = (model: IncidentReadModel): ReportFacts => ({
  incidents: Object.values(model.incidents)
    .map((incident) => incidentFacts(incident, incident.playbookId === null ? undefined : model.playbooks[incident.playbookId]))
    .sort(byStartThenId),
  playbooks: toDictionary(Object.fromEntries(Object.values(model.playbooks).map(({ playbookId, teamId, title }) => [playbookId, { teamId, title }]))),
})

/**
 * A log decoded once, whose report facts can be taken as of any time: each distinct cut is folded
 * once and kept. A cut keeps each stream up to its first event at or after the time, as
 * `buildReadModel` cuts as of a time (both with `streamPrefixes`), except that a report's period
 * ends before its `to`: an event at that very time is left out, where `buildReadModel` keeps it.
 * Events that do not decode are left out, as the read model skips them, yet one past the time still
 * ends its stream's prefix there, as it does in `buildReadModel`.
 *
 * @example
 * const facts = reportFactsSource(events)
 * facts.until('2026-04-01T00:00:00.000Z').incidents.length
 */
export const reportFactsSource = (events: readonly RecordedEvent[]) => {
  const decoded = events.map((raw) => {
    const result = decodeEvent(raw)
    return { streamId: raw.streamId, occurredAt: Date.parse(raw.occurredAt), event: E.isRight(result) ? result.right : undefined }
  })
  const cuts = new Map<number, ReportFacts>()
  return {
    /** The facts of each stream up to its first event at or after `until` (all of them without it). */
    until: (until?: string): ReportFacts => {
      const limit = until === undefined ? Number.POSITIVE_INFINITY : Date.parse(until)
      const known = cuts.get(limit)
      if (known !== undefined) return known
      const kept = until === undefined ? decoded : streamPrefixes(decoded, (entry) => entry.occurredAt < limit)
      const before = kept.flatMap((entry) => (entry.event === undefined ? [] : [entry.event]))
      const facts = reportFactsOf(applyDecoded(incidentReadModelProjection, incidentReadModelProjection.init, before))
      cuts.set(limit, facts)
      return facts
    },
  }
}
