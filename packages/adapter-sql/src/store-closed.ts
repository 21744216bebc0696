import { IncidentKitError } from '@incident-kit/core'

/** A call that would open something (a subscription, a lock) on a store already closed or closing. */
export const STORE_CLOSED = 'STORE_CLOSED'

/**
 * The refusal of work that would outlive the store: a subscription's listening connection, a lock's
 * connection or lease, opened after `close`, would keep the process alive with nothing to end it.
 *
 * @example
 * throw storeClosed('tryLock')
 */
export const storeClosed = (operation: string) => new IncidentKitError(STORE_CLOSED, `${operation} was called on a closed event store: open a new store`)
