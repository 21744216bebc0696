import { INVALID_APPEND, IncidentKitError, type NewEventEnvelope } from '@incident-kit/core'

/**
 * The checks an append makes before it touches the database: one `commandId` per call, as the
 * port requires (it is what makes a repeated command recognisable).
 *
 * @example
 * validateAppend(events) // throws IncidentKitError(INVALID_APPEND) for mixed command ids
 */
export const validateAppend = (events: readonly NewEventEnvelope[]): void => {
  const commandId = events[0]?.commandId
  if (events.some((e) => e.commandId !== commandId)) {
    const count = new Set(events.map((e) => e.commandId)).size
    throw new IncidentKitError(INVALID_APPEND, `one append carries one commandId, got ${count}`)
  }
}

/**
 * The error for an event id that is already stored (the unique index said so).
 *
 * @example
 * throw duplicateEventIdError(sqliteError)
 */
export const duplicateEventIdError = (cause: unknown) =>
  new IncidentKitError(INVALID_APPEND, 'an event id of this append is already stored', { cause })
