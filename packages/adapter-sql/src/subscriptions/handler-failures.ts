import { isTransientDatabaseError } from '../transient-error.js'

/**
 * Keeps a checkpointed subscription's retry for the store's own database work. A subscriber's
 * handler can throw what looks like an outage without being one (a webhook's `ECONNREFUSED`, a
 * client library's "Connection terminated"): retried, it would be delivered again forever, and
 * `closed` would never say why. So the errors the handler throws are remembered (by identity, the
 * object itself going on to reject `closed`) and never taken for the store's transient errors.
 */
export interface HandlerFailures {
  /** Runs the handler, remembering what it throws. */
  run<T>(handler: () => Promise<T> | T): Promise<T>
  /** True for a transient database error of the store's own (a read, a checkpoint save, BEGIN or COMMIT). */
  isStoreOutage(error: unknown): boolean
}

const isObject = (value: unknown): value is object => (typeof value === 'object' && value !== null) || typeof value === 'function'

/**
 * @example
 * const failures = handlerFailures()
 * checkpointedSubscription({ ..., deliver: (events) => failures.run(() => handler(events)), isTransient: failures.isStoreOutage })
 */
export const handlerFailures = (): HandlerFailures => {
  const thrown = new WeakSet<object>()
  return {
    run: async (handler) => {
      try {
        return await handler()
      } catch (error) {
        if (isObject(error)) thrown.add(error)
        throw error
      }
    },
    isStoreOutage: (error) => !(isObject(error) && thrown.has(error)) && isTransientDatabaseError(error),
  }
}
