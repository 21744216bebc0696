import { createNotifier } from '@incident-kit/core'

/**
 * Wakes waiting subscriptions: at a `notify` (an append in this process, a Postgres NOTIFY), or when
 * the poll interval passes (appends by other processes on SQLite; a missed notification on Postgres).
 * Core's notifier does the waiting; this fixes the store's poll interval.
 */
interface WakeSignal {
  notify(): void
  waitForMore(signal: AbortSignal): Promise<void>
}

/**
 * @example
 * const wake = createWakeSignal(250)
 * followLog({ ...options, waitForMore: wake.waitForMore })
 */
export const createWakeSignal = (pollIntervalMs: number): WakeSignal => {
  const notifier = createNotifier()
  return { notify: notifier.notify, waitForMore: (signal) => notifier.wait(signal, { pollMs: pollIntervalMs }) }
}
