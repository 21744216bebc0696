import type { DurationMetric } from './duration-metric.js'
import { measureMetric, type MetricResult } from './duration-samples.js'
import type { IncidentFacts } from './incident-facts.js'
import type { ReportPeriod } from './report-period.js'
import { largest } from './extremes.js'

/** Which incidents a report is about. */
export interface IncidentSelection {
  readonly teamId: string
  /** `null`: every playbook and incidents without one. */
  readonly playbookId: string | null
}

/** Counts and statistics of one period. */
export interface PeriodSummary {
  readonly period: ReportPeriod
  /** Incidents started in the period: the cohort every statistic below is computed over. */
  readonly started: number
  /** Incidents ended in the period (wherever they started). */
  readonly ended: number
  /** Incidents still active at the end of the period (wherever they started). */
  readonly inProgress: number
  readonly metrics: readonly MetricResult[]
  readonly commanderChanges: {
    readonly total: number
    /** Mean changes per incident of the cohort; `null` for an empty cohort. */
    readonly perIncident: number | null
    readonly max: number | null
    readonly incidentsWithChange: number
  }
}

/**
 * The incidents of one team and (optionally) one playbook; other teams' incidents never pass.
 *
 * @example
 * selectIncidents(facts.incidents, { teamId: 'team-sec', playbookId: null })
 */
export const selectIncidents = (incidents: readonly IncidentFacts[], selection: IncidentSelection): IncidentFacts[] =>
  incidents.filter(
    (incident) =>
      incident.teamId === selection.teamId && (selection.playbookId === null || incident.playbookId === selection.playbookId),
  )

/** True when `iso` lies in `[from, to)`. */
const within = (iso: string, period: ReportPeriod): boolean => {
  const ms = Date.parse(iso)
  return ms >= Date.parse(period.from) && ms < Date.parse(period.to)
}

const startedWithin = (selected: readonly IncidentFacts[], period: ReportPeriod) => selected.filter((incident) => within(incident.startedAt, period))

/**
 * The selected incidents started in the period, in start order.
 *
 * @example
 * cohortOf(facts.incidents, period, { teamId: 'team-sec', playbookId: null }).length
 */
export const cohortOf = (incidents: readonly IncidentFacts[], period: ReportPeriod, selection: IncidentSelection): IncidentFacts[] =>
  startedWithin(selectIncidents(incidents, selection), period)

/**
 * Summarizes a period from facts collected up to its end (`reportFactsSource(events).until(period.to)`).
 *
 * @example
 * summarizePeriod(facts.incidents, period, { teamId: 'team-sec', playbookId: null, metrics: DEFAULT_DURATION_METRICS }).started
 */
export const summarizePeriod = (
  incidents: readonly IncidentFacts[],
  period: ReportPeriod,
  selection: IncidentSelection & { readonly metrics: readonly DurationMetric[] },
): PeriodSummary => {
  const selected = selectIncidents(incidents, selection)
  const cohort = startedWithin(selected, period)
  const until = Date.parse(period.to)
  const changes = cohort.map((incident) => incident.commanderChanges)
  const total = changes.reduce((sum, count) => sum + count, 0)
  return {
    period,
    started: cohort.length,
    ended: selected.filter((incident) => incident.activeSpans.some((span) => span.to !== null && within(span.to, period))).length,
    inProgress: selected.filter((incident) => Date.parse(incident.startedAt) < until && incident.endedAt === null).length,
    metrics: selection.metrics.map((metric) => measureMetric(cohort, metric, until)),
    commanderChanges: {
      total,
      perIncident: cohort.length === 0 ? null : total / cohort.length,
      max: changes.length === 0 ? null : largest(changes),
      incidentsWithChange: changes.filter((count) => count > 0).length,
    },
  }
}
