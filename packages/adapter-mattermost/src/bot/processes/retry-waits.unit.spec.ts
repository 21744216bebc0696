import { describe, expect, it } from 'vitest'
import { MAX_TIMER_MS, sleepUnlessAborted, timerSafeMs } from './retry-waits.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('retry waits', () => {
  it('keeps a delay within what a Node timer takes', () => {
    expect(MAX_TIMER_MS).toBe(2_147_483_647)
    expect(timerSafeMs(3_000_000_000)).toBe(MAX_TIMER_MS)
    expect(timerSafeMs(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_MS)
    expect(timerSafeMs(1_500)).toBe(1_500)
    expect(timerSafeMs(-5)).toBe(0)
  })

  it('sleeps through a wait past 2^31 ms instead of waking after 1 ms, and stops when aborted', async () => {
    const controller = new AbortController()
    let woke = false
    const sleeping = sleepUnlessAborted(3_000_000_000, controller.signal).then(() => void (woke = true))
    // An overflowed timer fires after 1 ms: this is plenty to see it.
    await pause(20)
    expect(woke).toBe(false)
    controller.abort()
    await sleeping
    expect(woke).toBe(true)
  })
})
