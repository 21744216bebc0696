import { describe, expect, it } from 'vitest'
import { createHeldBackWatch } from './held-back-watch.js'

const watchAt = (warnAfterMs: number) => {
  let clock = 0
  const watch = createHeldBackWatch({ warnAfterMs, now: () => clock })
  return { watch, at: (ms: number) => (clock = ms) }
}

describe('createHeldBackWatch', () => {
  it('warns once an episode reaches the threshold, then once per threshold while it lasts', () => {
    const { watch, at } = watchAt(1000)
    at(5000)
    expect(watch.heldBack('tx-1')).toBeUndefined()
    at(5999)
    expect(watch.heldBack('tx-1')).toBeUndefined()
    at(6000)
    expect(watch.heldBack('tx-1')).toBe(1000)
    at(6500)
    expect(watch.heldBack('tx-1')).toBeUndefined()
    at(7200)
    expect(watch.heldBack('tx-1')).toBe(2200)
  })

  it('starts a new episode after the readers caught up', () => {
    const { watch, at } = watchAt(1000)
    at(0)
    watch.heldBack('tx-1')
    at(900)
    watch.caughtUp()
    at(1500)
    expect(watch.heldBack('tx-1')).toBeUndefined()
    at(2499)
    expect(watch.heldBack('tx-1')).toBeUndefined()
    at(2500)
    expect(watch.heldBack('tx-1')).toBe(1000)
  })

  it('starts the wait anew whenever the first held-back transaction changes (the horizon moves)', () => {
    const { watch, at } = watchAt(1000)
    for (let ms = 0; ms <= 5000; ms += 100) {
      at(ms)
      expect(watch.heldBack(`tx-${ms}`)).toBeUndefined()
    }
    at(6000)
    expect(watch.heldBack('tx-5000')).toBe(1000)
  })

  it('with a threshold of 0, warns at every read that ends in held-back rows', () => {
    const { watch, at } = watchAt(0)
    at(10)
    expect(watch.heldBack('tx-1')).toBe(0)
    at(10)
    expect(watch.heldBack('tx-1')).toBe(0)
    at(20)
    expect(watch.heldBack('tx-1')).toBe(10)
  })
})
