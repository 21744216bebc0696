/**
 * A point in an incident's life that a duration can start or end at. Three points are built in;
 * every other name is a milestone set with `incident.milestone_set` (`detected`, `acknowledged`,
 * `mitigated`, `resolved`, or a team's own).
 */
export type MilestonePoint = string

/** When the incident was started (the `occurredAt` of `incident.started`). */
export const STARTED_POINT: MilestonePoint = 'incident.started'
/** When the incident was last ended (reopened incidents count from their final end). */
export const ENDED_POINT: MilestonePoint = 'incident.ended'
/** When the first status update was posted. */
export const FIRST_STATUS_UPDATE_POINT: MilestonePoint = 'incident.first_status_update'

/**
 * A duration as a named pair of points. Vendors disagree on what "MTTR" means, so every metric
 * says which pair it measures and a team can define its own pairs.
 */
export interface DurationMetric {
  readonly name: string
  readonly from: MilestonePoint
  readonly to: MilestonePoint
}

/** The metrics a report measures unless told otherwise. */
export const DEFAULT_DURATION_METRICS: readonly DurationMetric[] = [
  { name: 'time to acknowledge', from: STARTED_POINT, to: 'acknowledged' },
  { name: 'time to first status update', from: STARTED_POINT, to: FIRST_STATUS_UPDATE_POINT },
  { name: 'time to mitigate', from: STARTED_POINT, to: 'mitigated' },
  { name: 'time to resolve', from: STARTED_POINT, to: ENDED_POINT },
]

/** The name of the default metric that reports treat as the headline "time to resolve". */
export const TIME_TO_RESOLVE = 'time to resolve'

/**
 * A human label for a metric's pair, e.g. `incident.started → acknowledged`.
 *
 * @example
 * describeMetricPair({ name: 'time to mitigate', from: 'incident.started', to: 'mitigated' }) // 'incident.started → mitigated'
 */
export const describeMetricPair = (metric: DurationMetric): string => `${metric.from} → ${metric.to}`
