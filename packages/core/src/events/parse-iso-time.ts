/**
 * A date, or a date and time, as people type it: `2026-03-12`, `2026-03-12T09:30`, `2026-03-12 09:30:15`,
 * with a fraction, and `Z` or an offset like `+02:00`. A time without an offset is UTC, as every time
 * in the log is (`Date.parse` would take it as the machine's local time, so a report or a due time
 * would depend on where it ran).
 */
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:\d{2})?)?$/i

/** `Date.parse` rolls a day past the month's end over into the next month (2026-02-31 is March 3). */
export const dayExists = (date: string): boolean => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const calendar = new Date(0)
  calendar.setUTCFullYear(year, month - 1, day)
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day
}

/**
 * Milliseconds since the epoch of an ISO-8601 date or date-time typed by a user, or `undefined`.
 * `hasTime` says whether a time of day was given.
 *
 * @example
 * parseIsoTime('2026-03-12T09:30') // { ms: 1773307800000, hasTime: true }
 * parseIsoTime('2026-03-12T09:30+01:00') // { ms: 1773304200000, hasTime: true }
 * parseIsoTime('March 12') // undefined
 * parseIsoTime('2026-02-31') // undefined: no such day
 */
export const parseIsoTime = (text: string): { readonly ms: number; readonly hasTime: boolean } | undefined => {
  const match = ISO_TIME.exec(text.trim())
  if (match === null) return undefined
  const [, date, time, zone] = match
  if (!dayExists(date!)) return undefined
  const ms = Date.parse(time === undefined ? `${date}T00:00Z` : `${date}T${time}${(zone ?? 'Z').toUpperCase()}`)
  return Number.isNaN(ms) ? undefined : { ms, hasTime: time !== undefined }
}
