import { INVALID_APPEND, IncidentKitError } from '@incident-kit/core'

/**
 * The error for an event id that is already stored (the unique index said so).
 *
 * @example
 * throw duplicateEventIdError(sqliteError)
 */
export const duplicateEventIdError = (cause: unknown) =>
  new IncidentKitError(INVALID_APPEND, 'an event id of this append is already stored', { cause })
