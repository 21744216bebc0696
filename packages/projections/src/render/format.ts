const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** What a missing value reads as in documents. */
export const NOT_REACHED = '—'

/**
 * A duration as people say it, to the minute (seconds under a minute): `45 s`, `12 min`,
 * `2 h 05 min`, `3 d 4 h`. `—` for `null`.
 *
 * @example
 * formatDuration(7_500_000) // '2 h 05 min'
 */
export const formatDuration = (ms: number | null): string => {
  if (ms === null) return NOT_REACHED
  const sign = ms < 0 ? '−' : ''
  const abs = Math.abs(ms)
  // Each unit is chosen by the value rounded to it, so that 59.6 s reads `1 min`, never `60 s`,
  // and 23 h 59.6 min reads `1 d 0 h`, never `24 h 00 min`.
  const seconds = Math.round(abs / 1000)
  if (seconds < 60) return `${sign}${seconds} s`
  const minutes = Math.round(abs / MINUTE)
  if (minutes < 60) return `${sign}${minutes} min`
  if (minutes < DAY / MINUTE) return `${sign}${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
  const hours = Math.round(abs / HOUR)
  return `${sign}${Math.floor(hours / 24)} d ${hours % 24} h`
}

/**
 * A timestamp in UTC to the minute, the same on every machine (no locale, no local time zone).
 *
 * @example
 * formatTimestamp('2026-03-01T08:40:12.000Z') // '2026-03-01 08:40 UTC'
 */
export const formatTimestamp = (iso: string | null): string => {
  if (iso === null) return NOT_REACHED
  const date = new Date(Date.parse(iso)).toISOString()
  return `${date.slice(0, 10)} ${date.slice(11, 16)} UTC`
}

/**
 * An offset from the incident's start: `+0:12`, `+1:05`, `−0:20` (hours:minutes), or `+2 d 3:05`.
 *
 * @example
 * formatOffset(720_000) // '+0:12'
 */
export const formatOffset = (ms: number): string => {
  const sign = ms < 0 ? '−' : '+'
  const totalMinutes = Math.floor(Math.abs(ms) / MINUTE)
  const days = Math.floor(totalMinutes / (24 * 60))
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60)
  const clock = `${hours}:${String(totalMinutes % 60).padStart(2, '0')}`
  return days > 0 ? `${sign}${days} d ${clock}` : `${sign}${clock}`
}

/**
 * A share as a whole percentage.
 *
 * @example
 * formatPercent(1 / 3) // '33 %'
 */
export const formatPercent = (share: number): string => `${Math.round(share * 100)} %`

/**
 * A count or mean to at most two decimals, without trailing zeros.
 *
 * @example
 * formatNumber(0.75) // '0.75'
 */
export const formatNumber = (value: number | null): string =>
  value === null ? NOT_REACHED : String(Math.round(value * 100) / 100)
