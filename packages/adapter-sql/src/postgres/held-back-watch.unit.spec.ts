import { describe, expect, it } from 'vitest'
import { createHeldBackWatch } from './held-back-watch.js'

/** A watch on a clock the test sets: each call moves the clock to `ms`, then tells the watch. */
const watchAt = (warnAfterMs: number) => {
  let clock = 0
  const watch = createHeldBackWatch({ warnAfterMs, now: () => clock })
  return {
    heldBackAt: (ms: number, transactionId = 'tx-1') => {
      clock = ms
      return watch.heldBack(transactionId)
    },
    caughtUpAt: (ms: number) => {
      clock = ms
      watch.caughtUp()
    },
  }
}

describe('createHeldBackWatch', () => {
  it('warns once one transaction has held rows back for the threshold, then once per threshold while it lasts', () => {
    const { heldBackAt } = watchAt(1000)
    expect([5000, 5999, 6000, 6500, 7200].map((ms) => heldBackAt(ms))).toEqual([undefined, undefined, 1000, undefined, 2200])
  })

  it('starts the wait anew after the readers caught up', () => {
    const { heldBackAt, caughtUpAt } = watchAt(1000)
    heldBackAt(0)
    caughtUpAt(900)
    expect([1500, 2499, 2500].map((ms) => heldBackAt(ms))).toEqual([undefined, undefined, 1000])
  })

  it('starts the wait anew whenever the first held-back transaction changes (the horizon moves)', () => {
    const { heldBackAt } = watchAt(1000)
    const busy = Array.from({ length: 51 }, (_, i) => i * 100)
    expect(busy.map((ms) => heldBackAt(ms, `tx-${ms}`)).filter((warning) => warning !== undefined)).toEqual([])
    expect(heldBackAt(6000, 'tx-5000')).toBe(1000)
  })

  it('with a threshold of 0, warns at every read that ends in held-back rows', () => {
    const { heldBackAt } = watchAt(0)
    expect([10, 10, 20].map((ms) => heldBackAt(ms))).toEqual([0, 0, 10])
  })
})
