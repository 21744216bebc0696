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

/**
 * A `lost` promise and the function that resolves it, once.
 *
 * @example
 * const { lost, markLost } = lossSignal()
 */
export const lossSignal = () => {
  let markLost: () => void = () => undefined
  const lost = new Promise<void>((resolve) => {
    markLost = resolve
  })
  return { lost, markLost }
}
