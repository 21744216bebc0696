import { redactDatabaseUrl } from '../database-url.js'
import type { SubscriptionRestartedWarning } from '../store-warning.js'

/* A URL anywhere in a message: it may carry a password (a driver's error naming its connection string). */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/\S+/gi

const describeError = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(URL_IN_TEXT, redactDatabaseUrl)
}

/**
 * The `SUBSCRIPTION_RESTARTED` warning: a checkpointed subscription met a database outage and
 * follows on from its checkpoint after a pause.
 *
 * @example
 * subscriptionRestartedWarning('notifier', new Error('Connection terminated unexpectedly'), 100).message
 * // 'subscriber "notifier" restarts from its checkpoint in 100 ms after a database outage: Connection terminated unexpectedly'
 */
export const subscriptionRestartedWarning = (subscriber: string, error: unknown, retryInMs: number): SubscriptionRestartedWarning => {
  const reason = describeError(error)
  return {
    code: 'SUBSCRIPTION_RESTARTED',
    subscriber,
    error: reason,
    retryInMs,
    message: `subscriber ${JSON.stringify(subscriber)} restarts from its checkpoint in ${retryInMs} ms after a database outage: ${reason}`,
  }
}
