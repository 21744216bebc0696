import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * At most `slots` transactions at a time, the others waiting their turn (first come, first served)
 * for `waitMs` at most (0 waits forever), then failing as the pool's own wait does
 * ("timeout exceeded when trying to connect", a transient error).
 *
 * On Postgres each transaction (an exactly-once handler's, `transact`'s) holds a connection of the
 * pool until its work returns, and that work may read through the store, on another connection. With
 * as many transactions as connections, every one of them waited for a connection none would give
 * back: after the connect timeout each failed, and its subscription stopped for good. The store runs
 * `poolSize - 1` transactions at once, so one connection is always left for the rest (reads,
 * appends, checkpoint saves); a pool of one has nothing to spare, and its transactions' reads
 * through the store wait for the pool.
 *
 * A transaction begun from inside another one's work (a `transact` in a `transact`, or in an
 * exactly-once handler) does not wait for a slot: the slot it would wait for may be the one its
 * caller holds until it returns. It runs at once, on a connection of the pool of its own.
 *
 * @example
 * const slots = createTransactionSlots(poolSize - 1, connectTimeoutMs)
 * await slots.run(() => db.transaction().execute(work))
 */
export const createTransactionSlots = (slots: number, waitMs: number) => {
  const size = Math.max(1, slots)
  let free = size
  const waiting: Array<() => void> = []
  // Set inside the work of a transaction that holds a slot (and whatever that work calls).
  const holding = new AsyncLocalStorage<true>()
  const take = (): Promise<void> => {
    if (free > 0) {
      free--
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const turn = () => {
        clearTimeout(timer)
        resolve()
      }
      waiting.push(turn)
      if (waitMs > 0) {
        timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(turn), 1)
          reject(new Error(`timeout exceeded when trying to connect: ${size} transactions held the store's connections for ${waitMs} ms`))
        }, waitMs)
      }
    })
  }
  const give = () => {
    const next = waiting.shift()
    if (next) next()
    else free++
  }
  return {
    run: async <T>(work: () => Promise<T>): Promise<T> => {
      if (holding.getStore()) return work()
      await take()
      try {
        return await holding.run(true, work)
      } finally {
        give()
      }
    },
  }
}
