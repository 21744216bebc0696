import type { HeldLock } from './held-lock.js'

/** The store's `tryLock`, and what `close` needs to leave no lock behind. */
export interface TrackedLocks {
  tryLock(name: string): Promise<HeldLock | undefined>
  /**
   * Waits for the `tryLock`s in flight and releases every lock held. A `tryLock` that gets its lock
   * once this has begun gives it back at once and resolves undefined: nobody would release it.
   */
  releaseAll(): Promise<void>
}

/**
 * Keeps track of the locks `take` hands out, and of the calls still taking one (a Postgres lock
 * holds a connection of its own, which would keep the lock and the process alive after close).
 *
 * @example
 * const locks = trackedLocks(backend.tryLock)
 * const lock = await locks.tryLock('notifier')
 * await locks.releaseAll() // on close
 */
export const trackedLocks = (take: (name: string) => Promise<HeldLock | undefined>): TrackedLocks => {
  const held = new Set<HeldLock>()
  const taking = new Set<Promise<unknown>>()
  let releasing = false

  const keep = async (name: string): Promise<HeldLock | undefined> => {
    const lock = await take(name)
    if (lock === undefined) return undefined
    if (releasing) {
      await lock.release().catch(() => undefined)
      return undefined
    }
    const tracked: HeldLock = {
      lost: lock.lost,
      release: async () => {
        if (held.delete(tracked)) await lock.release()
      },
    }
    held.add(tracked)
    return tracked
  }

  return {
    tryLock: (name) => {
      const attempt = keep(name)
      taking.add(attempt)
      void attempt.then(
        () => taking.delete(attempt),
        () => taking.delete(attempt),
      )
      return attempt
    },
    releaseAll: async () => {
      releasing = true
      await Promise.allSettled([...taking])
      await Promise.all([...held].map((lock) => lock.release().catch(() => undefined)))
    },
  }
}
