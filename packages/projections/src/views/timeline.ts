import type { LogPosition } from '@incident-kit/core'
import type { IncidentReadModel, TimelineRecord } from '../model/read-model.js'
import { defaultMention, timelineText, type Mention } from './timeline-text.js'
import { titlesOverTime } from './titles-over-time.js'

export interface TimelineEntry {
  readonly position: LogPosition
  /** Where the entry stands in time: `occurredAt`, or a back-dated milestone's `at`. */
  readonly at: string
  readonly occurredAt: string
  readonly recordedAt: string
  readonly actorId: string
  readonly type: string
  readonly text: string
  /** Milliseconds from the incident's start to `at`; negative for a milestone before the start. */
  readonly offsetFromStart: number
}

export interface TimelineOptions {
  /** Only these event types (e.g. `['incident.note_added', 'incident.status_updated']`). */
  readonly types?: readonly string[]
  readonly mention?: Mention
}

const MILESTONE_SET = 'incident.milestone_set'

/** A milestone said to have happened earlier than it was recorded stands at its `at`. */
const placedAt = (record: TimelineRecord, occurredMs: number): { at: string; ms: number } => {
  if (record.type === MILESTONE_SET) {
    const at = (record.data as { at?: unknown }).at
    const ms = typeof at === 'string' ? Date.parse(at) : NaN
    if (ms < occurredMs) return { at: at as string, ms }
  }
  return { at: record.occurredAt, ms: occurredMs }
}

/**
 * Every event of an incident as a sentence, in time order, or `undefined` for an unknown incident.
 * Notes appear in place. Item and section titles are the ones they had when the event happened.
 *
 * Placement: an entry stands at its `occurredAt`, except `incident.milestone_set` whose `at` is
 * earlier than its `occurredAt` ("we detected it at 08:40", said at 09:30): it stands at `at`,
 * among the events of 08:40, and may come before the start (a negative `offsetFromStart`). A
 * milestone dated later than it was recorded stays at `occurredAt`. Ties keep log order.
 *
 * @example
 * timeline(model, 'i1', { types: ['checklist.item_checked'] })
 * // [{ at: '2026-03-01T09:12:00.000Z', text: "@alice checked 'Roll back deploy'", offsetFromStart: 720000, ... }]
 */
export const timeline = (
  model: IncidentReadModel,
  incidentId: string,
  options: TimelineOptions = {},
): TimelineEntry[] | undefined => {
  const incident = model.incidents[incidentId]
  if (!incident) return undefined
  const wanted = options.types ? new Set(options.types) : undefined
  const mention = options.mention ?? defaultMention
  const start = Date.parse(incident.startedAt)
  const titles = titlesOverTime(incident.timeline)
  const placed: Array<{ index: number; at: string; ms: number }> = []
  incident.timeline.forEach((record, index) => {
    if (wanted === undefined || wanted.has(record.type)) placed.push({ index, ...placedAt(record, Date.parse(record.occurredAt)) })
  })
  placed.sort((a, b) => a.ms - b.ms || a.index - b.index)
  return placed.map(({ index, at, ms }) => {
    const record = incident.timeline[index]!
    return {
      position: record.position,
      at,
      occurredAt: record.occurredAt,
      recordedAt: record.recordedAt,
      actorId: record.actorId,
      type: record.type,
      text: timelineText(record, titles[index]!, mention),
      offsetFromStart: ms - start,
    }
  })
}
