/**
 * Tells when readers of the global order have waited long enough on rows held back by an older
 * transaction to warn about it: first after `warnAfterMs` of one episode, then once more every
 * `warnAfterMs` while it lasts. An episode ends when a read returns a page that is not full and holds
 * nothing back (the reader caught up); a full page says nothing about the rows after it.
 *
 * @example
 * const watch = createHeldBackWatch({ warnAfterMs: 60_000, now: Date.now })
 * const heldBackMs = watch.heldBack() // a number when it is time to warn
 * watch.caughtUp()
 */
export const createHeldBackWatch = ({ warnAfterMs, now }: { warnAfterMs: number; now: () => number }) => {
  let since: number | undefined
  let warnedAt: number | undefined
  return {
    /** A page read ended in rows held back: how long they have been, when it is time to warn (again). */
    heldBack: (): number | undefined => {
      const at = now()
      since ??= at
      if (at - since < warnAfterMs || (warnedAt !== undefined && at - warnedAt < warnAfterMs)) return undefined
      warnedAt = at
      return at - since
    },
    /** A page read held nothing back and was not full: the reader caught up. */
    caughtUp: () => {
      since = undefined
      warnedAt = undefined
    },
  }
}
