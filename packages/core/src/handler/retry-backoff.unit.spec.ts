import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js'
import { manualClock } from '../ports/clock.js'
import { sequentialIds } from '../ports/id-generator.js'
import { createCommandHandler } from './command-handler.js'
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

  it('refuses retry.attempts that is not a whole number from 1 when the handler is made, naming the setting', () => {
    const handlerWith = (attempts: number) => () =>
      createCommandHandler({ store: createInMemoryEventStore(), clock: manualClock('2026-03-01T09:00:00.000Z'), ids: sequentialIds(), retry: { attempts } })
    for (const attempts of [Number.NaN, 0, -1, 1.5, Infinity]) {
      expect(handlerWith(attempts), String(attempts)).toThrow(RangeError)
      expect(handlerWith(attempts), String(attempts)).toThrow(/retry\.attempts must be a whole number from 1/)
    }
    expect(() => retryPolicy({ attempts: '3' as unknown as number })).toThrow(/retry\.attempts .* got "3"/)
    expect(handlerWith(1)).not.toThrow()
    expect(retryPolicy({ attempts: 1 }).attempts).toBe(1)
  })
})
