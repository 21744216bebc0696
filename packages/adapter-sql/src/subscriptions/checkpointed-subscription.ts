import { START, type LogPosition, type RecordedEvent, type Subscription } from '@incident-kit/core'

export interface CheckpointedSubscriptionOptions {
  /** Where the subscriber stopped last time (`undefined` for a first run: start from the beginning). */
  readonly loadCheckpoint: () => Promise<LogPosition | undefined>
  /** Starts following from the loaded checkpoint; `deliver` handles each batch and stores its checkpoint. */
  readonly follow: (after: LogPosition, deliver: (events: readonly RecordedEvent[], checkpoint: LogPosition) => Promise<void>) => Subscription
  readonly deliver: (events: readonly RecordedEvent[], checkpoint: LogPosition) => Promise<void>
}

/**
 * A subscription that first loads a stored checkpoint, then follows the log from there. Returned at
 * once, like any `Subscription`; closing it before the checkpoint has loaded starts nothing.
 *
 * @example
 * checkpointedSubscription({ loadCheckpoint, follow: (after, deliver) => store.subscribe({ after, handler: deliver }), deliver })
 */
export const checkpointedSubscription = ({ loadCheckpoint, follow, deliver }: CheckpointedSubscriptionOptions): Subscription => {
  let stopped = false
  let inner: Subscription | undefined
  const closed = (async () => {
    const after = (await loadCheckpoint()) ?? START
    if (stopped) return
    inner = follow(after, deliver)
    await inner.closed
  })()
  return {
    closed,
    close: async () => {
      stopped = true
      await inner?.close()
      await closed.catch(() => undefined)
    },
  }
}
