import * as E from 'fp-ts/lib/Either.js'

/** A half-open span of time `[from, to)` as ISO-8601 UTC timestamps. */
export interface ReportPeriod {
  readonly from: string
  readonly to: string
}

/** Why report options were refused. */
export type ReportOptionsError =
  | { readonly _tag: 'InvalidTime'; readonly field: string; readonly value: string; readonly message: string }
  | { readonly _tag: 'EmptyPeriod'; readonly period: ReportPeriod; readonly message: string }
  | { readonly _tag: 'DuplicateMetricName'; readonly name: string; readonly message: string }
  | { readonly _tag: 'InvalidRecentDays'; readonly days: number; readonly message: string }

export const DAY_MS = 86_400_000
export const WEEK_MS = 7 * DAY_MS

/**
 * Milliseconds since the epoch of an ISO timestamp, or a typed error naming the field.
 *
 * @example
 * parseReportTime('period.from', 'yesterday') // left({ _tag: 'InvalidTime', field: 'period.from', ... })
 */
export const parseReportTime = (field: string, value: string): E.Either<ReportOptionsError, number> => {
  const ms = Date.parse(value)
  return Number.isNaN(ms)
    ? E.left({ _tag: 'InvalidTime', field, value, message: `${field} is not a timestamp: ${JSON.stringify(value)}` })
    : E.right(ms)
}

/**
 * Checks both ends of a period and that it is not empty.
 *
 * @example
 * checkPeriod({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }) // right({ from: 1772323200000, to: ... })
 */
export const checkPeriod = (period: ReportPeriod): E.Either<ReportOptionsError, { from: number; to: number }> => {
  const from = parseReportTime('period.from', period.from)
  const to = parseReportTime('period.to', period.to)
  if (E.isLeft(from)) return from
  if (E.isLeft(to)) return to
  return from.right < to.right
    ? E.right({ from: from.right, to: to.right })
    : E.left({ _tag: 'EmptyPeriod', period, message: `the period must end after it starts: ${period.from} .. ${period.to}` })
}

/**
 * The `days` days before `now` and the `days` before those, as two periods.
 *
 * @example
 * precedingPeriods('2026-03-31T00:00:00.000Z', 30).current // { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' }
 */
export const precedingPeriods = (now: string, days: number): { current: ReportPeriod; previous: ReportPeriod } => {
  const end = Date.parse(now)
  const iso = (ms: number) => new Date(ms).toISOString()
  return {
    current: { from: iso(end - days * DAY_MS), to: iso(end) },
    previous: { from: iso(end - 2 * days * DAY_MS), to: iso(end - days * DAY_MS) },
  }
}

/**
 * The Monday 00:00 UTC that starts the ISO week containing `ms`.
 *
 * @example
 * new Date(startOfUtcWeek(Date.parse('2026-03-05T12:00:00Z'))).toISOString() // '2026-03-02T00:00:00.000Z'
 */
export const startOfUtcWeek = (ms: number): number => {
  const midnight = Math.floor(ms / DAY_MS) * DAY_MS
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7
  return midnight - daysSinceMonday * DAY_MS
}
