/** Milliseconds between two ISO-8601 timestamps (`to - from`); `null` if either is missing. */
export const msBetween = (from: string | null, to: string | null): number | null =>
  from === null || to === null ? null : Date.parse(to) - Date.parse(from)

/** Orders ISO-8601 timestamps by the instant they name (strings of different precision compare wrongly as text). */
export const compareTimes = (a: string, b: string): number => Date.parse(a) - Date.parse(b)

/** Orders ids by code unit, the same on every machine (unlike `localeCompare`). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
