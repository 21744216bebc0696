import type { Subscription } from './event-store.js'

/**
 * The subscriptions a store has open, so that closing the store closes them first: a subscription
 * still polling a closed SQLite connection or an ended Postgres pool failed with "The database
 * connection is not open", and one never closed kept the process alive.
 *
 * @example
 * const open = openSubscriptions()
 * const subscribe = (options) => open.track(followLog(options))
 * const close = async () => { await open.closeAll(); await pool.end() }
 */
export const openSubscriptions = () => {
  const open = new Set<Subscription>()
  return {
    track: (subscription: Subscription): Subscription => {
      open.add(subscription)
      const forget = () => open.delete(subscription)
      // Both outcomes handled here, so this chain adds no unhandled rejection; `closed` is still the caller's.
      subscription.closed.then(forget, forget)
      return subscription
    },
    closeAll: async () => {
      await Promise.all([...open].map((subscription) => subscription.close()))
    },
  }
}
