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
 * @example
 * const slots = createTransactionSlots(poolSize - 1, connectTimeoutMs)
 * await slots.run(() => db.transaction().execute(work))
 */
export const createTransactionSlots = (slots: number, waitMs: number) => {
  let free = Math.max(1, slots)
  const waiting: Array<() => void> = []
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
          reject(new Error(`timeout exceeded when trying to connect: ${Math.max(1, slots)} transactions held the store's connections for ${waitMs} ms`))
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
      await take()
      try {
        return await work()
      } finally {
        give()
      }
    },
  }
}
