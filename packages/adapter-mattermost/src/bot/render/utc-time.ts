/**
 * The time of day of an ISO-8601 UTC timestamp as the bot writes it in messages. Every time in the
 * log is UTC; the bot says so rather than guess a reader's zone.
 *
 * @example
 * utcTime('2026-03-01T10:42:07.000Z') // '10:42 UTC'
 */
export const utcTime = (iso: string) => `${iso.slice(11, 16)} UTC`
