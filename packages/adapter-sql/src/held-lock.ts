/** A cross-process lock this process holds (`SqlEventStore.tryLock`). */
export interface HeldLock {
  release(): Promise<void>
  /**
   * Resolves if the lock is lost while held: on Postgres its connection broke or stopped answering
   * (the database then frees the lock); on SQLite another process took the lease after it expired
   * unrenewed (an event loop blocked for longer than the lease, or a file that stayed locked). From
   * then on another process may hold the lock, so stop what it guards. Stays pending once released.
   */
  readonly lost: Promise<void>
}

export interface HoldLockOptions {
  /** How often `stillHeld` runs. */
  readonly checkEveryMs: number
  /** Renews or checks the lock; resolves false once it is gone. Must not reject. */
  readonly stillHeld: () => Promise<boolean>
  /** Gives the lock back in the database. */
  readonly free: () => Promise<void>
  /** Called once when the lock is found lost (a Postgres lock ends its connection). */
  readonly onLost?: () => void
}

/**
 * What both databases' locks share once taken: a periodic check, `lost` resolved once when the
 * lock is found gone (by the check, or at once through `lose` when the backend learns it first),
 * and a `release` after which nothing is reported lost any more, not even by a check in flight.
 *
 * @example
 * const { lock, lose } = holdLock({ checkEveryMs: 5_000, stillHeld, free })
 * client.on('end', lose)
 */
export const holdLock = ({ checkEveryMs, stillHeld, free, onLost }: HoldLockOptions): { lock: HeldLock; lose: () => void } => {
  let markLost: () => void = () => undefined
  const lost = new Promise<void>((resolve) => {
    markLost = resolve
  })
  let done = false
  const lose = () => {
    if (done) return
    done = true
    clearInterval(timer)
    markLost()
    onLost?.()
  }
  const timer = setInterval(() => void (done || stillHeld().then((held) => held || lose())), checkEveryMs)
  timer.unref()
  const release = async () => {
    if (done) return
    done = true
    clearInterval(timer)
    await free()
  }
  return { lock: { lost, release }, lose }
}
