import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isTransientDatabaseError } from '../transient-error.js'
import { createTransactionSlots } from './transaction-slots.js'


/** A work of 10 ms that records how many of its kind ran at once at most. */
const concurrencyProbe = () => {
  let running = 0
  let most = 0
  const work = async () => {
    running++
    most = Math.max(most, running)
    await new Promise((resolve) => setTimeout(resolve, 10))
    running--
  }
  return { work, most: () => most }
}
describe('createTransactionSlots', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs at most `slots` works at once, the others in turn as slots free up', async () => {
    const slots = createTransactionSlots(2, 0)
    const { work, most } = concurrencyProbe()
    const all = Promise.all(Array.from({ length: 5 }, () => slots.run(work)))
    await vi.advanceTimersByTimeAsync(100)
    await all
    expect(most()).toBe(2)
  })

  it('gives a slot back when the work throws', async () => {
    const slots = createTransactionSlots(1, 0)
    await expect(slots.run(() => Promise.reject(new Error('handler bug')))).rejects.toThrow('handler bug')
    await expect(slots.run(async () => 'next')).resolves.toBe('next')
  })

  it('fails a wait longer than `waitMs` as the pool does, with a transient error, and gives no slot away for it', async () => {
    const slots = createTransactionSlots(1, 1_000)
    let release = () => undefined as void
    const holding = slots.run(() => new Promise<void>((resolve) => (release = resolve)))
    const waiting = slots.run(async () => 'late')
    const outcome = waiting.catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(1_000)
    const error = await outcome
    expect(error).toBeInstanceOf(Error)
    expect(isTransientDatabaseError(error)).toBe(true)
    release()
    await holding
    await expect(slots.run(async () => 'after')).resolves.toBe('after')
  })

  it('keeps one slot for a pool of one (nothing to spare)', async () => {
    const slots = createTransactionSlots(0, 0)
    await expect(slots.run(async () => 'ran')).resolves.toBe('ran')
  })

  it('lets a transaction begun inside another one\'s work run at once, without waiting for the slot its caller holds', async () => {
    const slots = createTransactionSlots(1, 1_000)
    const nested = slots.run(() => slots.run(async () => 'inner'))
    const outcome = nested.catch((error: unknown) => error)
    // Past the wait for a slot: before, the inner one waited for the outer's slot, and failed here.
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await outcome).toBe('inner')
    // The slot was given back once: the next transaction gets it, and only one runs at a time.
    const { work, most } = concurrencyProbe()
    const all = Promise.all([slots.run(work), slots.run(work)])
    await vi.advanceTimersByTimeAsync(50)
    await all
    expect(most()).toBe(1)
  })
})
