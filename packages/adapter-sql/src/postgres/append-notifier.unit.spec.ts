import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppendNotifier, type SendNotification } from './append-notifier.js'

const INTERVAL_MS = 100

/**
 * A sender whose notifications are answered after `roundTripMs` (never when undefined: a server
 * that stopped answering), counting those sent and those cut.
 */
const fakeSender = (roundTripMs: number | undefined) => {
  const sent: number[] = []
  let cut = 0
  const send: SendNotification = () => {
    sent.push(Date.now())
    let answer = () => undefined as void
    const answered = new Promise<void>((resolve) => {
      answer = resolve
      if (roundTripMs !== undefined) setTimeout(resolve, roundTripMs)
    })
    return {
      sent: answered,
      cut: () => {
        cut++
        answer()
      },
    }
  }
  return { sent, send, cuts: () => cut }
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
    const pool = fakeSender(1)
    const notifier = createAppendNotifier(pool.send, 'public', 'me', INTERVAL_MS)
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
    const pool = fakeSender(1)
    const notifier = createAppendNotifier(pool.send, 'public', 'me', INTERVAL_MS)
    const start = Date.now()
    notifier.notify()
    expect(pool.sent).toEqual([start])
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 3)
    notifier.notify()
    expect(pool.sent).toEqual([start, start + INTERVAL_MS * 3])
    await settle(notifier)
  })

  it('settles by sending what is still scheduled', async () => {
    const pool = fakeSender(1)
    const notifier = createAppendNotifier(pool.send, 'public', 'me', INTERVAL_MS)
    notifier.notify()
    notifier.notify()
    expect(pool.sent).toHaveLength(1)
    await settle(notifier)
    expect(pool.sent).toHaveLength(2)
  })

  it('settles without waiting for good on a notification the server never answers: it cuts it after a while', async () => {
    const sender = fakeSender(undefined)
    const notifier = createAppendNotifier(sender.send, 'public', 'me', INTERVAL_MS)
    notifier.notify()
    notifier.notify()
    let settled = false
    const settling = notifier.settle(1_000).then(() => (settled = true))
    await vi.advanceTimersByTimeAsync(999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await settling
    // The one sent at once and the one that was scheduled, both unanswered, both cut.
    expect(sender.sent).toHaveLength(2)
    expect(sender.cuts()).toBe(2)
  })

  it('cuts nothing when the notifications are answered in time', async () => {
    const sender = fakeSender(1)
    const notifier = createAppendNotifier(sender.send, 'public', 'me', INTERVAL_MS)
    notifier.notify()
    await settle(notifier)
    expect(sender.cuts()).toBe(0)
  })

  it('sends nothing and schedules nothing for an append that commits once settling has begun', async () => {
    const sender = fakeSender(50)
    const notifier = createAppendNotifier(sender.send, 'public', 'me', INTERVAL_MS)
    notifier.notify()
    const settling = notifier.settle(1_000)
    // An append committing while `close` waits for the notification in flight.
    notifier.notify()
    await vi.advanceTimersByTimeAsync(50)
    await settling
    expect(sender.sent).toHaveLength(1)
    // No timer outlives the close (it would fire after the pool ended).
    expect(vi.getTimerCount()).toBe(0)
    notifier.notify()
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 2)
    expect(sender.sent).toHaveLength(1)
  })
})
