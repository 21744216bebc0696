import { parseIsoTime } from '@incident-kit/core'
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
 * Milliseconds since the epoch of an ISO-8601 date or date-time (UTC unless it carries an offset,
 * core's `parseIsoTime`), or a typed error naming the field. `Date.parse` would read a time without
 * an offset in the machine's zone, so one report would differ between a laptop and a server.
 *
 * @example
 * parseReportTime('period.from', '2026-03-01') // right(1772323200000)
 * parseReportTime('period.from', 'yesterday') // left({ _tag: 'InvalidTime', field: 'period.from', ... })
 */
export const parseReportTime = (field: string, value: string): E.Either<ReportOptionsError, number> => {
  const parsed = parseIsoTime(value)
  return parsed === undefined
    ? E.left({ _tag: 'InvalidTime', field, value, message: `${field} is not an ISO-8601 date or time: ${JSON.stringify(value)}` })
    : E.right(parsed.ms)
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Checks both ends of a period and that it is not empty; gives them as milliseconds and as the log's
 * own timestamp format (`toISOString`), which every later step compares against.
 *
 * @example
 * checkPeriod({ from: '2026-03-01', to: '2026-04-01T00:00:00Z' }).right.period // { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }
 */
export const checkPeriod = (period: ReportPeriod): E.Either<ReportOptionsError, { from: number; to: number; period: ReportPeriod }> => {
  const from = parseReportTime('period.from', period.from)
  const to = parseReportTime('period.to', period.to)
  if (E.isLeft(from)) return from
  if (E.isLeft(to)) return to
  return from.right < to.right
    ? E.right({ from: from.right, to: to.right, period: { from: iso(from.right), to: iso(to.right) } })
    : E.left({ _tag: 'EmptyPeriod', period, message: `the period must end after it starts: ${period.from} .. ${period.to}` })
}

/** The two periods, for a count of days already checked. */
const periodsEndingAt = (end: number, days: number): { current: ReportPeriod; previous: ReportPeriod } => ({
  current: { from: iso(end - days * DAY_MS), to: iso(end) },
  previous: { from: iso(end - 2 * days * DAY_MS), to: iso(end - days * DAY_MS) },
})

/** The earliest time a `Date` holds: 100,000,000 days before 1970 (before it `toISOString` throws). */
const EARLIEST_DATE_MS = -100_000_000 * DAY_MS

/** The two periods before `end`, or `InvalidRecentDays` naming `field`. */
const windowsBefore = (end: number, days: number, field: string): E.Either<ReportOptionsError, { current: ReportPeriod; previous: ReportPeriod }> => {
  const mostDays = Math.floor((end - EARLIEST_DATE_MS) / (2 * DAY_MS))
  if (Number.isInteger(days) && days > 0 && days <= mostDays) return E.right(periodsEndingAt(end, days))
  return E.left({
    _tag: 'InvalidRecentDays',
    days,
    message: `${field} must be a whole number of days from 1 to ${mostDays}, got ${days} (the report looks back twice ${field} from now, and no date is earlier than ${iso(EARLIEST_DATE_MS)})`,
  })
}

/**
 * The `days` days before `end` (milliseconds since the epoch) and the `days` before those, or
 * `InvalidRecentDays` for a count of days that is not a whole number above 0, or so large that the
 * earlier window would start before the earliest date.
 *
 * @example
 * recentWindows(Date.parse('2026-03-31T00:00:00Z'), 30) // right({ current: { from: '2026-03-01T00:00:00.000Z', ... }, previous: ... })
 * recentWindows(Date.parse('2026-03-31T00:00:00Z'), 1e8) // left({ _tag: 'InvalidRecentDays', ... })
 */
export const recentWindows = (end: number, days: number): E.Either<ReportOptionsError, { current: ReportPeriod; previous: ReportPeriod }> =>
  windowsBefore(end, days, 'recentDays')

/**
 * The `days` days before `now` and the `days` before those, as two periods. `now` is read like
 * `parseReportTime` reads it; a `RangeError` names text that is not a time, and a count of days
 * that is not a whole number above 0 or reaches back before the earliest date (as
 * {@link recentWindows} refuses it).
 *
 * @example
 * precedingPeriods('2026-03-31T00:00:00.000Z', 30).current // { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' }
 * precedingPeriods('2026-03-31T00:00:00.000Z', 1.5) // throws RangeError: days must be a whole number of days from 1 to ..., got 1.5 ...
 */
export const precedingPeriods = (now: string, days: number): { current: ReportPeriod; previous: ReportPeriod } => {
  const end = parseIsoTime(now)?.ms
  if (end === undefined) throw new RangeError(`now is not an ISO-8601 date or time: ${JSON.stringify(now)}`)
  const windows = windowsBefore(end, days, 'days')
  if (E.isLeft(windows)) throw new RangeError(windows.left.message)
  return windows.right
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
