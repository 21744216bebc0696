import type { LogPosition } from '../events/envelope.js'
import type { ReadAllResult, SubscribeOptions, Subscription } from '../ports/event-store.js'

export interface FollowLogOptions extends SubscribeOptions {
  readonly readAll: (after: LogPosition, limit: number) => Promise<ReadAllResult>
  /** Resolves when new events may be there (a notification, or a poll interval) or `signal` aborts. */
  readonly waitForMore: (signal: AbortSignal) => Promise<void>
}

const DEFAULT_BATCH = 500

/**
 * A subscription loop for any store: read batches after the checkpoint until caught up, then wait
 * for more. The handler finishes each batch before the next is read, so delivery is in order; a
 * handler error stops the loop and rejects `closed`.
 */
export const followLog = (options: FollowLogOptions): Subscription => {
  const controller = new AbortController()
  const batchSize = options.batchSize ?? DEFAULT_BATCH
  const run = async () => {
    let checkpoint = options.after
    while (!controller.signal.aborted) {
      // Listen for more before reading: an append during the read or the handler must wake the
      // next wait, or the subscription would sleep until some later append.
      const iteration = new AbortController()
      const stop = () => iteration.abort()
      controller.signal.addEventListener('abort', stop, { once: true })
      const more = options.waitForMore(iteration.signal)
      try {
        const batch = await options.readAll(checkpoint, batchSize)
        if (controller.signal.aborted) return
        if (batch.events.length > 0) {
          await options.handler(batch.events, batch.checkpoint)
          checkpoint = batch.checkpoint
        }
        if (batch.events.length < batchSize) await more
      } finally {
        iteration.abort()
        controller.signal.removeEventListener('abort', stop)
      }
    }
  }
  const closed = run()
  return {
    closed,
    close: async () => {
      controller.abort()
      await closed.catch(() => undefined)
    },
  }
}

/**
 * A wake-up signal: `wait` resolves at the next `notify`, when its signal aborts, or, given
 * `pollMs`, when that much time has passed (for appends this process is not told about: another
 * process on SQLite, a missed Postgres NOTIFY). A wait that ends any way leaves nothing registered.
 *
 * @example
 * const wake = createNotifier()
 * followLog({ ...options, waitForMore: (signal) => wake.wait(signal, { pollMs: 250 }) })
 * wake.notify() // after an append
 */
export const createNotifier = () => {
  const waiting = new Set<() => void>()
  return {
    notify: () => {
      const current = [...waiting]
      waiting.clear()
      current.forEach((wake) => wake())
    },
    wait: (signal: AbortSignal, { pollMs }: { readonly pollMs?: number } = {}) =>
      new Promise<void>((resolve) => {
        if (signal.aborted) return resolve()
        const wake = () => {
          clearTimeout(timer)
          waiting.delete(wake)
          signal.removeEventListener('abort', wake)
          resolve()
        }
        const timer = pollMs === undefined ? undefined : setTimeout(wake, pollMs)
        waiting.add(wake)
        signal.addEventListener('abort', wake, { once: true })
      }),
  }
}
