import type { IncidentFacts } from './incident-facts.js'
import { startOfUtcWeek, WEEK_MS } from './report-period.js'

/** Incidents started and ended in one ISO week (Monday 00:00 UTC onwards), within the period. */
export interface WeeklyCount {
  /** The Monday that starts the week, `YYYY-MM-DD`. */
  readonly weekStart: string
  readonly started: number
  readonly ended: number
}

/**
 * Incidents started and ended per week over `[from, to)` (milliseconds), weeks without any included,
 * so that a chart shows quiet weeks as zero.
 *
 * @example
 * weeklyCounts(selected, { from: Date.parse('2026-03-02T00:00Z'), to: Date.parse('2026-03-16T00:00Z') }).length // 2
 */
export const weeklyCounts = (incidents: readonly IncidentFacts[], period: { from: number; to: number }): WeeklyCount[] => {
  const weeks: { weekStart: string; started: number; ended: number }[] = []
  const firstWeek = startOfUtcWeek(period.from)
  for (let week = firstWeek; week < period.to; week += WEEK_MS) {
    weeks.push({ weekStart: new Date(week).toISOString().slice(0, 10), started: 0, ended: 0 })
  }
  const weekIndex = (ms: number) => (ms >= period.from && ms < period.to ? Math.floor((ms - firstWeek) / WEEK_MS) : -1)
  for (const incident of incidents) {
    const startWeek = weeks[weekIndex(Date.parse(incident.startedAt))]
    if (startWeek !== undefined) startWeek.started += 1
    // An incident ended, reopened and ended again in one week counts once in that week.
    const endWeeks = new Set(incident.activeSpans.flatMap((span) => (span.to === null ? [] : [weekIndex(Date.parse(span.to))])))
    for (const index of endWeeks) {
      const endWeek = weeks[index]
      if (endWeek !== undefined) endWeek.ended += 1
    }
  }
  return weeks
}
