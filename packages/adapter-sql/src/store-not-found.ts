import { IncidentKitError } from '@incident-kit/core'

/** `existingOnly` was asked for and the URL names no store: nothing was created. */
export const STORE_NOT_FOUND = 'STORE_NOT_FOUND'

/**
 * The refusal of a store that is not there, for tools that only read: a mistyped path or schema
 * would otherwise read as an empty log (and leave an empty store behind). The message is the
 * reason alone, for a caller to say what it was trying to do.
 *
 * @example
 * throw storeNotFound('the SQLite file /tmp/typo.db does not exist')
 */
export const storeNotFound = (reason: string) => new IncidentKitError(STORE_NOT_FOUND, reason)
