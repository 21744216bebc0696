/**
 * The time of day of an ISO-8601 UTC timestamp, for the footer of an event's channel post: the post
 * itself, which Mattermost dates, is made as the event happens. A time that can fall on another day
 * (a due time, a milestone's) is written with its date (`formatTimestamp`). Every time in the log is
 * UTC; the bot says so rather than guess a reader's zone.
 *
 * @example
 * utcTime('2026-03-01T10:42:07.000Z') // '10:42 UTC'
 */
export const utcTime = (iso: string) => `${iso.slice(11, 16)} UTC`
