import { toDictionary, type RecordedEvent } from '@incident-kit/core'
import * as E from 'fp-ts/lib/Either.js'
import { DEFAULT_DURATION_METRICS, type DurationMetric } from './duration-metric.js'
import { metricDuration } from './duration-samples.js'
import { reportFactsSource, type IncidentFacts } from './incident-facts.js'
import { playbookItemStatistics, type PlaybookItemStatistics } from './playbook-item-statistics.js'
import { cohortOf, selectIncidents, summarizePeriod, type PeriodSummary } from './period-summary.js'
import { checkPeriod, parseReportTime, recentWindows, type ReportOptionsError, type ReportPeriod } from './report-period.js'
import { weeklyCounts, type WeeklyCount } from './weekly-counts.js'

/** Options of {@link buildTeamReport}. */
export interface TeamReportOptions {
  readonly teamId: string
  /** Only incidents started from this playbook. */
  readonly playbookId?: string
  readonly period: ReportPeriod
  /** The pairs of points to measure; {@link DEFAULT_DURATION_METRICS} unless given. */
  readonly metrics?: readonly DurationMetric[]
  /** With `now`, the report compares the `recentDays` before `now` with the `recentDays` before those. */
  readonly now?: string
  /** 30 unless given. */
  readonly recentDays?: number
}

/** One incident of the report's cohort, so that every number can be traced back. */
export interface ReportIncidentRow {
  readonly incidentId: string
  readonly name: string
  readonly playbookId: string | null
  readonly severity: string | null
  readonly startedAt: string
  readonly endedAt: string | null
  readonly commanderChanges: number
  /** Each metric's duration in milliseconds by metric name; `null` when not measurable. */
  readonly durations: Readonly<Record<string, number | null>>
}

/** The aggregate report of one team (optionally one playbook) over a period. */
export interface TeamReport {
  readonly teamId: string
  readonly playbookId: string | null
  /**
   * The titles of the playbooks the report names (its playbook and its incidents'), no other team's.
   * A dictionary without a prototype: a playbook id like `constructor` finds nothing inherited.
   */
  readonly playbookTitles: Readonly<Record<string, string>>
  readonly period: ReportPeriod
  /** Counts, durations and commander changes over the period. */
  readonly summary: PeriodSummary
  /** Over the incidents started in the period, slowest first. */
  readonly items: readonly PlaybookItemStatistics[]
  readonly perWeek: readonly WeeklyCount[]
  /** The incidents started in the period, in start order. */
  readonly incidents: readonly ReportIncidentRow[]
  /** The last `days` before `now` against the `days` before those; `null` without `now`. */
  readonly recent: { readonly days: number; readonly current: PeriodSummary; readonly previous: PeriodSummary } | null
}

export const DEFAULT_RECENT_DAYS = 30

const checkMetrics = (metrics: readonly DurationMetric[]): E.Either<ReportOptionsError, readonly DurationMetric[]> => {
  const seen = new Set<string>()
  for (const metric of metrics) {
    if (seen.has(metric.name)) {
      return E.left({ _tag: 'DuplicateMetricName', name: metric.name, message: `two metrics are named ${JSON.stringify(metric.name)}` })
    }
    seen.add(metric.name)
  }
  return E.right(metrics)
}

const row = (incident: IncidentFacts, metrics: readonly DurationMetric[], until: number): ReportIncidentRow => ({
  incidentId: incident.incidentId,
  name: incident.name,
  playbookId: incident.playbookId,
  severity: incident.severity,
  startedAt: incident.startedAt,
  endedAt: incident.endedAt,
  commanderChanges: incident.commanderChanges,
  durations: toDictionary(Object.fromEntries(metrics.map((metric) => [metric.name, metricDuration(incident, metric, until)]))),
})

/**
 * The aggregate report: incidents started, ended and in progress; each duration metric's mean,
 * median and p90; commander changes; per playbook item completion times and how often it is skipped
 * or unchecked again; incidents per week; with `now`, the last 30 days against the 30 before.
 * Pure and exact: the same log and options give the same report. Everything is computed from the
 * log as it stood at the end of the period: each stream up to its first event at or after
 * `period.to`, as `buildReadModel` cuts a log as of a time (an event stamped early by a slow clock
 * after one past the end is left out with it). Times
 * are ISO-8601 dates or date-times, UTC unless they carry an offset; the report gives its period in
 * the log's format (`2026-04-01T00:00:00.000Z`).
 *
 * @example
 * const report = buildTeamReport(events, {
 *   teamId: 'team-sec',
 *   period: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
 *   now: '2026-04-01T00:00:00.000Z',
 * })
 * if (E.isRight(report)) console.log(report.right.summary.metrics)
 */
export const buildTeamReport = (
  events: readonly RecordedEvent[],
  options: TeamReportOptions,
): E.Either<ReportOptionsError, TeamReport> => {
  const metrics = checkMetrics(options.metrics ?? DEFAULT_DURATION_METRICS)
  if (E.isLeft(metrics)) return metrics
  const period = checkPeriod(options.period)
  if (E.isLeft(period)) return period
  const source = reportFactsSource(events)
  const selection = { teamId: options.teamId, playbookId: options.playbookId ?? null, metrics: metrics.right }
  const recentDays = options.recentDays ?? DEFAULT_RECENT_DAYS
  let recent: TeamReport['recent'] = null
  if (options.now !== undefined) {
    const now = parseReportTime('now', options.now)
    if (E.isLeft(now)) return now
    const windows = recentWindows(now.right, recentDays)
    if (E.isLeft(windows)) return windows
    const { current, previous } = windows.right
    recent = {
      days: recentDays,
      current: summarizePeriod(source.until(current.to).incidents, current, selection),
      previous: summarizePeriod(source.until(previous.to).incidents, previous, selection),
    }
  }
  const facts = source.until(period.right.period.to)
  const summary = summarizePeriod(facts.incidents, period.right.period, selection)
  const cohort = cohortOf(facts.incidents, period.right.period, selection)
  const named = new Set([selection.playbookId, ...cohort.map((incident) => incident.playbookId)])
  // The selected playbook is whatever id the caller gave: another team's must not leak its title.
  const titles = Object.entries(facts.playbooks).flatMap(([playbookId, playbook]) =>
    named.has(playbookId) && playbook.teamId === options.teamId ? [[playbookId, playbook.title] as const] : [],
  )
  return E.right({
    teamId: options.teamId,
    playbookId: selection.playbookId,
    playbookTitles: toDictionary(Object.fromEntries(titles)),
    period: period.right.period,
    summary,
    items: playbookItemStatistics(cohort),
    perWeek: weeklyCounts(selectIncidents(facts.incidents, selection), period.right),
    incidents: cohort.map((incident) => row(incident, metrics.right, period.right.to)),
    recent,
  })
}
