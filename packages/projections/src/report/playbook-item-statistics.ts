import { summarizeDurations, type DurationSummary } from './duration-statistics.js'
import type { IncidentFacts } from './incident-facts.js'
import { compareIds } from '../views/ordering.js'

/**
 * One playbook item across the incidents started from that playbook, matched by `itemId`
 * (incidents copy the playbook's checklist, ids included). Only items copied from the playbook
 * count (`ItemFacts.fromPlaybook`): not items added during an incident, nor its own start checklist.
 */
export interface PlaybookItemStatistics {
  readonly playbookId: string
  readonly itemId: string
  /** The title in the most recently started incident. */
  readonly title: string
  /** Incidents whose checklist had the item (not removed). */
  readonly incidents: number
  /** Incidents in which it was checked at the end. */
  readonly completed: number
  /** From the incident's start to the item's last check, over the incidents that completed it. */
  readonly completion: DurationSummary
  /** Incidents in which it ended skipped, and that share of `incidents`. */
  readonly skipped: number
  readonly skippedRate: number
  /** Incidents in which it was unchecked at least once, and that share of `incidents`. */
  readonly uncheckedAgain: number
  readonly uncheckedAgainRate: number
}

interface Accumulator {
  playbookId: string
  itemId: string
  title: string
  incidents: number
  completionTimes: number[]
  skipped: number
  uncheckedAgain: number
}

/** Slowest median first; items never completed last; ties by item id. */
const slowestFirst = (a: PlaybookItemStatistics, b: PlaybookItemStatistics) =>
  compareIds(a.playbookId, b.playbookId) ||
  (b.completion.median ?? Number.NEGATIVE_INFINITY) - (a.completion.median ?? Number.NEGATIVE_INFINITY) ||
  compareIds(a.itemId, b.itemId)

/**
 * Per playbook item: median and p90 completion time, how often it is skipped or unchecked again.
 * Incidents without a playbook add nothing. `incidents` must be in start order (as
 * `reportFactsSource(events).until()` returns them) for titles to come from the latest incident.
 *
 * @example
 * playbookItemStatistics(facts.incidents.filter((i) => i.playbookId === 'pb-security'))[0].completion.p90
 */
export const playbookItemStatistics = (incidents: readonly IncidentFacts[]): PlaybookItemStatistics[] => {
  const byKey = new Map<string, Accumulator>()
  for (const incident of incidents) {
    if (incident.playbookId === null) continue
    const startedAt = Date.parse(incident.startedAt)
    for (const item of incident.items) {
      if (!item.fromPlaybook) continue
      const key = JSON.stringify([incident.playbookId, item.itemId])
      const entry = byKey.get(key) ?? {
        playbookId: incident.playbookId,
        itemId: item.itemId,
        title: item.title,
        incidents: 0,
        completionTimes: [],
        skipped: 0,
        uncheckedAgain: 0,
      }
      entry.title = item.title
      entry.incidents += 1
      if (item.state === 'checked' && item.completedAt !== null) entry.completionTimes.push(Date.parse(item.completedAt) - startedAt)
      if (item.state === 'skipped') entry.skipped += 1
      if (item.timesUnchecked > 0) entry.uncheckedAgain += 1
      byKey.set(key, entry)
    }
  }
  return [...byKey.values()]
    .map(({ completionTimes, ...entry }) => ({
      ...entry,
      completed: completionTimes.length,
      completion: summarizeDurations(completionTimes),
      skippedRate: entry.skipped / entry.incidents,
      uncheckedAgainRate: entry.uncheckedAgain / entry.incidents,
    }))
    .sort(slowestFirst)
}
