import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppendNotifier } from './append-notifier.js'

const INTERVAL_MS = 100

/** A pool whose queries answer after `roundTripMs`, counting the notifications sent. */
const fakePool = (roundTripMs: number) => {
  const sent: number[] = []
  return {
    sent,
    query: (() => {
      sent.push(Date.now())
      return new Promise((resolve) => setTimeout(resolve, roundTripMs))
    }) as never,
  }
}

/** `settle` waits for the fake pool's answers, which come on the fake clock. */
const settle = async (notifier: ReturnType<typeof createAppendNotifier>) => {
  const settled = notifier.settle()
  await vi.advanceTimersByTimeAsync(5)
  await settled
}

describe('createAppendNotifier', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('notifies at once after a quiet spell, then at most once per interval however fast appends come', async () => {
    const pool = fakePool(1)
    const notifier = createAppendNotifier(pool, 'public', 'me', INTERVAL_MS)
    const start = Date.now()
    // One writer appending every 2 ms for a second: each append outlasts a notification's round trip.
    for (let t = 0; t < 1000; t += 2) {
      notifier.notify()
      await vi.advanceTimersByTimeAsync(2)
    }
    expect(pool.sent[0]).toBe(start)
    expect(pool.sent.length).toBeGreaterThanOrEqual(10)
    expect(pool.sent.length).toBeLessThanOrEqual(11)
    const gaps = pool.sent.slice(1).map((at, i) => at - pool.sent[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS)
    await settle(notifier)
  })

  it('sends the first notification of a quiet spell immediately', async () => {
    const pool = fakePool(1)
    const notifier = createAppendNotifier(pool, 'public', 'me', INTERVAL_MS)
    const start = Date.now()
    notifier.notify()
    expect(pool.sent).toEqual([start])
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 3)
    notifier.notify()
    expect(pool.sent).toEqual([start, start + INTERVAL_MS * 3])
    await settle(notifier)
  })

  it('settles by sending what is still scheduled', async () => {
    const pool = fakePool(1)
    const notifier = createAppendNotifier(pool, 'public', 'me', INTERVAL_MS)
    notifier.notify()
    notifier.notify()
    expect(pool.sent).toHaveLength(1)
    await settle(notifier)
    expect(pool.sent).toHaveLength(2)
  })
})
