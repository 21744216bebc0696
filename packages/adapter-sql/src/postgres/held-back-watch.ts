/**
 * Tells when readers of the global order have waited long enough on one open transaction to warn
 * about it: first after `warnAfterMs`, then once more every `warnAfterMs` while it lasts.
 *
 * Each read that ends in held-back rows names the transaction of the first of them. While the
 * horizon moves (busy writers: every transaction ends in milliseconds) that first transaction keeps
 * changing, and each change starts the wait anew; only a horizon stuck behind one open transaction
 * keeps it. The wait also ends when a read returns a page that is not full and holds nothing back
 * (the reader caught up); a full page says nothing about the rows after it.
 *
 * @example
 * const watch = createHeldBackWatch({ warnAfterMs: 60_000, now: Date.now })
 * const heldBackMs = watch.heldBack(firstHeldBackTransactionId) // a number when it is time to warn
 * watch.caughtUp()
 */
export const createHeldBackWatch = ({ warnAfterMs, now }: { warnAfterMs: number; now: () => number }) => {
  let waitingOn: string | undefined
  let since = 0
  let warnedAt: number | undefined
  return {
    /** A page read ended in rows held back, the first of them written by `transactionId`. */
    heldBack: (transactionId: string): number | undefined => {
      const at = now()
      if (transactionId !== waitingOn) {
        waitingOn = transactionId
        since = at
        warnedAt = undefined
      }
      if (at - since < warnAfterMs || (warnedAt !== undefined && at - warnedAt < warnAfterMs)) return undefined
      warnedAt = at
      return at - since
    },
    /** A page read held nothing back and was not full: the reader caught up. */
    caughtUp: () => {
      waitingOn = undefined
    },
  }
}
