import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BotDeps } from '../runtime/bot-deps.js'
import { startStatusReminders } from './status-reminders.js'

const INTERVAL_MS = 30_000

/**
 * Reminders over a read model whose every refresh (the start of each pass) waits until the test
 * finishes it: `passesStarted` counts them, `finishPass` lets the oldest unfinished one go on.
 */
const setUp = () => {
  const unfinished: Array<() => void> = []
  let passesStarted = 0
  const model = {
    refresh: () => {
      passesStarted += 1
      return new Promise((resolve) => unfinished.push(() => resolve({ incidents: {} })))
    },
  }
  const deps = { model, clock: { now: () => new Date().toISOString() }, logger: { warn: () => undefined } } as unknown as BotDeps
  const finishPass = async () => {
    unfinished.shift()?.()
    await vi.advanceTimersByTimeAsync(0)
  }
  return { stop: startStatusReminders(deps, 'bot-user', INTERVAL_MS), passesStarted: () => passesStarted, finishPass }
}

describe('startStatusReminders', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('skips the ticks that come while a pass runs, and queues no pass for them', async () => {
    const { stop, passesStarted, finishPass } = setUp()
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    expect(passesStarted()).toBe(1)
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS)
    expect(passesStarted()).toBe(1)
    await finishPass()
    expect(passesStarted()).toBe(1)
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    expect(passesStarted()).toBe(2)
    await finishPass()
    await stop()
  })

  it('waits for the running pass when stopped, and starts no more', async () => {
    const { stop, passesStarted, finishPass } = setUp()
    await vi.advanceTimersByTimeAsync(INTERVAL_MS)
    let stopped = false
    const stopping = stop().then(() => (stopped = true))
    await vi.advanceTimersByTimeAsync(0)
    expect(stopped).toBe(false)
    await finishPass()
    await stopping
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS)
    expect(passesStarted()).toBe(1)
  })
})
