import { setTimeout as sleep } from 'node:timers/promises'
import { START, type LogPosition, type RecordedEvent } from '../events/envelope.js'
import type { Subscription } from './event-store.js'

export interface CheckpointedSubscriptionOptions {
  /** Where the subscriber stopped last time (`undefined` for a first run: start from the beginning). */
  readonly loadCheckpoint: () => Promise<LogPosition | undefined>
  /** Starts following from the loaded checkpoint; `deliver` handles each batch and stores its checkpoint. */
  readonly follow: (after: LogPosition, deliver: (events: readonly RecordedEvent[], checkpoint: LogPosition) => Promise<void>) => Subscription
  readonly deliver: (events: readonly RecordedEvent[], checkpoint: LogPosition) => Promise<void>
  /** Errors after which following again from the stored checkpoint can succeed (a database outage). */
  readonly isTransient: (error: unknown) => boolean
  /** The first pause before following again; it doubles up to `maxRetryMs` while failures go on. */
  readonly retryMs?: number
  readonly maxRetryMs?: number
  /** Told of each transient failure before the pause, e.g. to log it. */
  readonly onRestart?: (error: unknown, retryInMs: number) => void
}

const DEFAULT_RETRY_MS = 100
const DEFAULT_MAX_RETRY_MS = 5_000

/**
 * A subscription that first loads a stored checkpoint, then follows the log from there. Returned at
 * once, like any `Subscription`; closing it before the checkpoint has loaded starts nothing. When
 * the database fails in a way that passes (`isTransient`: a restart, a failover, a file locked for
 * too long), it loads the checkpoint again and follows on from there after a pause, instead of
 * stopping: the batch in hand was not checkpointed, so it is delivered again (at least once), or,
 * in a transaction with its checkpoint, was rolled back with it (exactly once). Any other error
 * stops it and rejects `closed`.
 *
 * @example
 * checkpointedSubscription({ loadCheckpoint, follow: (after, deliver) => store.subscribe({ after, handler: deliver }), deliver, isTransient })
 */
export const checkpointedSubscription = (options: CheckpointedSubscriptionOptions): Subscription => {
  const { loadCheckpoint, follow, isTransient } = options
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS
  const maxRetryMs = options.maxRetryMs ?? DEFAULT_MAX_RETRY_MS
  const stop = new AbortController()
  let inner: Subscription | undefined
  let delay = retryMs
  const deliver = async (events: readonly RecordedEvent[], checkpoint: LogPosition) => {
    await options.deliver(events, checkpoint)
    delay = retryMs
  }
  /** The close's own abort, as an operation cut short by it may reject with. */
  const isAbort = (error: unknown) => error === stop.signal.reason || (error instanceof Error && error.name === 'AbortError')
  // Resolves after `ms`, or at once on close.
  const pause = (ms: number) => sleep(ms, undefined, { signal: stop.signal }).catch(() => undefined)
  const closed = (async () => {
    while (!stop.signal.aborted) {
      try {
        const after = (await loadCheckpoint()) ?? START
        if (stop.signal.aborted) return
        inner = follow(after, deliver)
        return await inner.closed
      } catch (error) {
        // Closing ends a transient failure's retries, and the abort itself is no failure; anything
        // else (the handler threw while `close()` waited for its batch) rejects `closed` as it
        // would have without the close.
        if (stop.signal.aborted && (isTransient(error) || isAbort(error))) return
        if (!isTransient(error)) throw error
        options.onRestart?.(error, delay)
        await pause(delay)
        delay = Math.min(delay * 2, maxRetryMs)
      }
    }
  })()
  return {
    closed,
    close: async () => {
      stop.abort()
      await inner?.close()
      await closed.catch(() => undefined)
    },
  }
}
