import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay, retryPolicy } from './retry-backoff.js'

describe('the wait between attempts', () => {
  it('is a random share of a window that doubles from the first delay up to the cap (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, firstDelayMs, maxDelayMs, share) => {
          const delay = backoffDelay(attempt, { firstDelayMs, maxDelayMs, random: () => share })
          const window = firstDelayMs === 0 ? 0 : Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1))
          expect(Number.isFinite(delay)).toBe(true)
          expect(delay).toBeGreaterThanOrEqual(0)
          expect(delay).toBeLessThanOrEqual(window)
          expect(delay).toBeCloseTo(share * window, 6)
        },
      ),
    )
  })

  it('has real defaults that an option given as undefined keeps', () => {
    expect(retryPolicy({ attempts: undefined, firstDelayMs: 1 })).toMatchObject({ attempts: 10, firstDelayMs: 1, maxDelayMs: 250, random: Math.random })
  })
})
