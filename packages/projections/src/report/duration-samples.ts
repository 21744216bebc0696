import { lookup } from '@incident-kit/core'
import { ENDED_POINT, FIRST_STATUS_UPDATE_POINT, STARTED_POINT, type DurationMetric, type MilestonePoint } from './duration-metric.js'
import { summarizeDurations, type DurationSummary } from './duration-statistics.js'
import type { IncidentFacts } from './incident-facts.js'

/** One metric over a set of incidents, with the incidents it could not measure counted. */
export interface MetricResult {
  readonly metric: DurationMetric
  readonly summary: DurationSummary
  /** Incidents that had not reached one of the two points. */
  readonly missingPoint: number
  /** Incidents whose `to` point lies before their `from` point (left out of the summary). */
  readonly negative: number
}

/**
 * When an incident reached a point, in milliseconds, or `null` if it had not (by `until`, when given).
 * A milestone is looked up among the incident's own entries only, so facts built by hand or read
 * back from JSON answer a milestone named `constructor` with `null` too.
 *
 * @example
 * pointTime(incident, 'acknowledged') // Date.parse of the last `acknowledged` milestone's `at`
 */
export const pointTime = (incident: IncidentFacts, point: MilestonePoint, until = Number.POSITIVE_INFINITY): number | null => {
  const iso =
    point === STARTED_POINT
      ? incident.startedAt
      : point === ENDED_POINT
        ? incident.endedAt
        : point === FIRST_STATUS_UPDATE_POINT
          ? incident.firstStatusUpdateAt
          : (lookup(incident.milestones, point) ?? null)
  if (iso === null) return null
  const ms = Date.parse(iso)
  return ms < until ? ms : null
}

/**
 * The duration of a metric for one incident in milliseconds; `null` when a point is missing.
 * May be negative when a team recorded the points in the other order.
 *
 * @example
 * metricDuration(incident, { name: 'time to resolve', from: 'incident.started', to: 'incident.ended' })
 */
export const metricDuration = (incident: IncidentFacts, metric: DurationMetric, until?: number): number | null => {
  const from = pointTime(incident, metric.from, until)
  const to = pointTime(incident, metric.to, until)
  return from === null || to === null ? null : to - from
}

/**
 * Summarizes a metric over incidents.
 *
 * @example
 * measureMetric(cohort, DEFAULT_DURATION_METRICS[0]).summary.p90
 */
export const measureMetric = (incidents: readonly IncidentFacts[], metric: DurationMetric, until?: number): MetricResult => {
  const durations: number[] = []
  let missingPoint = 0
  let negative = 0
  for (const incident of incidents) {
    const duration = metricDuration(incident, metric, until)
    if (duration === null) missingPoint += 1
    else if (duration < 0) negative += 1
    else durations.push(duration)
  }
  return { metric, summary: summarizeDurations(durations), missingPoint, negative }
}
