/*
 * Times in commands are compared and stored as instants: 09:00:00Z and 09:00:00.000Z are the same
 * time, so setting one when the other is stored is no change, and the log keeps one spelling.
 */

/** The log's spelling of a time: `2026-03-01T09:00:00.000Z`. */
export const normalisedTime = (time: string): string => new Date(Date.parse(time)).toISOString()

/** Whether two times, or two absent times, are the same instant. */
export const sameInstant = (a: string | null, b: string | null): boolean =>
  a === null || b === null ? a === b : Date.parse(a) === Date.parse(b)
