/**
 * Wakes waiting subscriptions: at a `notify` (an append in this process, a Postgres NOTIFY), or when
 * the poll interval passes (appends by other processes on SQLite; a missed notification on Postgres).
 * Each wait removes itself when it ends, so an idle subscription holds nothing between polls.
 */
export interface WakeSignal {
  notify(): void
  waitForMore(signal: AbortSignal): Promise<void>
}

/**
 * @example
 * const wake = createWakeSignal(250)
 * followLog({ ...options, waitForMore: wake.waitForMore })
 */
export const createWakeSignal = (pollIntervalMs: number): WakeSignal => {
  const waiting = new Set<() => void>()
  return {
    notify: () => {
      const current = [...waiting]
      waiting.clear()
      current.forEach((wake) => wake())
    },
    waitForMore: (signal) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve()
        const wake = () => {
          clearTimeout(timer)
          waiting.delete(wake)
          signal.removeEventListener('abort', wake)
          resolve()
        }
        const timer = setTimeout(wake, pollIntervalMs)
        waiting.add(wake)
        signal.addEventListener('abort', wake, { once: true })
      }),
  }
}
